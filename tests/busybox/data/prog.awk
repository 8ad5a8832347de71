BEGIN { FS = ","; OFS = "|" }
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{
  d = $col["dept"]; s = $col["salary"]
  n[d]++; sum[d] += s
  if (s > max[d]) { max[d] = s; who[d] = $col["name"] }
  split($col["start"], t, "-")
  years[d] += 2026 - t[1]
  names = names (names == "" ? "" : ";") toupper(substr($2, 1, 3))
}
END {
  for (d in n) order[++k] = d
  # insertion sort: for (in) order is unspecified
  for (i = 2; i <= k; i++) for (j = i; j > 1 && order[j-1] > order[j]; j--) { t = order[j]; order[j] = order[j-1]; order[j-1] = t }
  for (i = 1; i <= k; i++) {
    d = order[i]
    printf "%-6s %2d %10.2f %8d %-6s %.3f\n", d, n[d], sum[d] / n[d], max[d], who[d], years[d] / n[d]
  }
  print names
  print length(names), index(names, "EVE"), match(names, /GR[A-Z]+/), RSTART, RLENGTH
  x = "hello world hello"; c = gsub(/hello/, "bye", x); print c, x
  y = "a.b.c.d"; m = split(y, parts, "."); print m, parts[4] parts[1]
  # (Debian's busybox awk has no math library: no ^, sin, sqrt...)
  printf "%e %g %G %.10f %o %x %X %c %5.1s|\n", 1234.5678, 0.0001234, 1e-10, 355 / 113, 511, 48879, 255, 65, "xyz"
  printf "%d %d %d %.0f\n", 2147483648, -2147483648, 9007199254740993, 18446744073709551616
  print 1 / 7, 22 / 7, 1e15 / 3, -1e-5 / 3, 123456789 * 1000003, int(-3.9), int(3.9)
  print 1e300 * 1e10, -1e300 * 1e10, 0.1 + 0.2, 1 / 3
  srand(42); r1 = rand(); srand(42); r2 = rand(); print (r1 == r2), (r1 >= 0 && r1 < 1)
  print sprintf("%08.3f", -3.14159), sprintf("%+d", 5), sprintf("%-5d|", 42)
  print tolower("MiXeD"), substr("blinkenlights", 3), substr("abc", 0, 2), length()
  s = ""; for (i = 0; i < 20; i++) s = s sprintf("%d", (i * i) % 7); print s
  print 7 % 3, -7 % 3, 7.5 % 2, -7.5 % 2, 1e300 % 7
}
