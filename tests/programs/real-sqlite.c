/* real-sqlite: SQLite (the system's static libsqlite3) running SQL in
 * an in-memory database: recursive CTEs, an index, aggregates, window
 * functions, JSON, joins, printf formatting, integer and float edge
 * cases, and the Mandelbrot query from SQLite's documentation. A
 * bytecode VM, B-trees, varint coding and its own float formatting.
 *@libs -lsqlite3 -lpthread -ldl
 */
#include <sqlite3.h>
#include <stdio.h>
static int cb(void *u, int n, char **v, char **c) { for (int i = 0; i < n; i++) printf("%s%s", i ? "|" : "", v[i] ? v[i] : "NULL"); printf("\n"); return 0; }
int main(void) {
  sqlite3 *db; char *err = 0;
  sqlite3_open(":memory:", &db);
  const char *sql =
    "create table t(id integer primary key, name text, x real, k int);"
    "with recursive c(i) as (select 1 union all select i+1 from c where i < 800) insert into t(name, x, k) select printf('n%05d', (i*7919)%801), i*0.37 - 500, (i*i) % 97 from c;"
    "create index tk on t(k);"
    "select count(*), sum(x), avg(x), min(name), max(name), total(k) from t;"
    "select k, count(*), printf('%.6f', avg(x)), group_concat(id % 10, '') from t where k < 5 group by k order by k;"
    "select name, x, rank() over (order by x desc) from t where k = 42 order by x desc limit 5;"
    "WITH RECURSIVE xaxis(x) AS (VALUES(-2.0) UNION ALL SELECT x+0.08 FROM xaxis WHERE x<1.2), yaxis(y) AS (VALUES(-1.0) UNION ALL SELECT y+0.1 FROM yaxis WHERE y<1.0), m(iter, cx, cy, x, y) AS (SELECT 0, x, y, 0.0, 0.0 FROM xaxis, yaxis UNION ALL SELECT iter+1, cx, cy, x*x-y*y + cx, 2.0*x*y + cy FROM m WHERE (x*x + y*y) < 4.0 AND iter<20), m2(iter, cx, cy) AS (SELECT max(iter), cx, cy FROM m GROUP BY cx, cy), a(t) AS (SELECT group_concat( substr(' .+*#', 1+min(iter/5,4), 1), '') FROM m2 GROUP BY cy) SELECT group_concat(rtrim(t),x'0a') FROM a;"
    "select json_object('a', 1, 'b', json_array(1.5, 'x', null)), json_extract('{\"p\":{\"q\":[10,20,30]}}', '$.p.q[1]');"
    "select 1e308*10, -1e308*10, 9223372036854775807 + 0, cast(9.99e18 as integer), 7/2, 7.0/2, -7%3, round(2.5), round(-2.5), round(1.005, 2), abs(-9223372036854775807);"
    "select upper('straße'), length('héllo'), instr('blinkenlights', 'light'), substr('abcdef', -3, 2), replace('aaa', 'a', 'bb'), trim('  x  '), quote(x'00ff'), unicode('€');"
    "select a.k, count(*) from t a join t b on a.k = b.k and a.id < b.id where a.k in (1, 2, 3) group by a.k;"
    "select printf('%e %g %.20f %x %o %c %5.2s|', 12345.6789, 0.0001, 1.0/3, 255, 8, 'Z', 'hello');";
  if (sqlite3_exec(db, sql, cb, 0, &err) != SQLITE_OK) printf("error: %s\n", err);
  sqlite3_close(db);
  return 0;
}
