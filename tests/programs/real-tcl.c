/* real-tcl: the Tcl 8.6 interpreter (the system's static libtcl): string
 * and list commands, dicts, regsub, bignum and float expressions (Tcl
 * has its own bignum library, libtommath), clock formatting, binary
 * scan/format and zlib, all through Tcl's bytecode compiler and engine.
 *@libs -I/usr/include/tcl8.6 -ltcl8.6 -lz -lm -ldl -lpthread
 */
#include <tcl.h>
#include <stdio.h>
int main(int argc, char **argv) {
  Tcl_FindExecutable(argv[0]);
  Tcl_Interp *in = Tcl_CreateInterp();
  if (Tcl_Init(in) != TCL_OK) { printf("init: %s\n", Tcl_GetStringResult(in)); }
  const char *script =
    "proc fib n { if {$n < 2} { return $n }; expr {[fib [expr {$n-1}]] + [fib [expr {$n-2}]]} }\n"
    "puts [fib 18]\n"
    "puts [expr {2**200}]\n"
    "puts [format {%.17g %e %x %o} [expr {1/3.0}] 6.02e23 255 8]\n"
    "set d [dict create]; foreach w [split {the quick brown fox jumps over the lazy dog the end} { }] { dict incr d $w }; puts [lsort -stride 2 -index 0 $d]\n"
    "puts [lsort -real {3.5 -1 2e3 0.25 -7.75}]\n"
    "puts [string map {a A e E} {blinkenlights are neat}]; puts [regsub -all {[aeiou]+} {instruction set architecture} _]\n"
    "puts [clock format 1234567890 -gmt 1 -format {%Y-%m-%d %H:%M:%S %A %j}]\n"
    "binary scan [binary format d 0.1] H* h0; puts $h0; binary scan [binary format d 1.5] H* h; puts $h\n"
    "puts [expr {sin(1.0) + cos(2.0) * tan(0.5) - exp(1.5) / sqrt(7) + atan2(1, 3) + fmod(17.5, 4) + pow(2, 0.5) + hypot(3, 4)}]\n"
    "puts [expr {wide(9223372036854775807) + 1}]; puts [expr {isqrt(10**40)}]; puts [expr {entier(1e30)}]\n"
    "set s {}; for {set i 0} {$i < 2000} {incr i} { append s [expr {($i * 7919) % 97}] }; puts [string length $s]; puts [zlib crc32 $s]\n";
  if (Tcl_Eval(in, script) != TCL_OK) printf("error: %s\n", Tcl_GetStringResult(in));
  Tcl_DeleteInterp(in);
  return 0;
}
