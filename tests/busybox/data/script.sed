# a little of everything: addresses, hold space, substitutions, branches
1i\
--- start ---
/^$/d
s/\([a-z]*\)-\([0-9]*\)/[\2:\1]/g
/CPU/{
  h
  s/.*/(a line about the CPU follows)/
  p
  g
}
y/abc/ABC/
:loop
s/  / /
t loop
$a\
--- end ---
