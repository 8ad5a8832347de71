#!/usr/bin/env bash
# make-data.sh DATA OUT BUSYBOX: builds the fixture directory the cases in
# tests/busybox/cases read ($D there). DATA is tests/busybox/data (text
# inputs kept in the tree); OUT is replaced. Archives and compressed
# files are made by the host's busybox (the reference), or by host tools
# for the formats busybox can only read (xz, lzma, zip, ar); a fixture
# whose tool is missing is left out and the cases naming it (@needs=) are
# skipped. Every file gets the same fixed mtime, so listings are stable.
set -eu
data=$1 out=$2 bb=$3

umask 022
rm -rf "$out"
mkdir -p "$out"
cp "$data"/* "$out"/
cd "$out"

# Text with DOS line ends, for dos2unix.
sed 's/$/\r/' text.txt >crlf.txt

# 4 KiB of every byte value, in an order that isn't just counting: for
# od, xxd, hexdump, strings, cmp and the checksums.
esc=
for ((i = 0; i < 4096; i++)); do
  printf -v b '\\%03o' $(((i * 167 + (i >> 8) * 13) & 255))
  esc+=$b
done
printf "$esc" >bin.dat
# The same with one byte changed near the end, for cmp -l.
cp bin.dat bin2.dat
printf 'X' | dd of=bin2.dat bs=1 seek=4000 conv=notrunc 2>/dev/null

# About 160 KiB of pseudo-random "records" (a fixed LCG): enough work for
# sort, uniq, the checksums and the compressors to run a while.
awk 'BEGIN {
  x = 12345
  split("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima", w, " ")
  for (i = 1; i <= 4000; i++) {
    x = (x * 1103515245 + 12345) % 2147483648
    a = w[x % 12 + 1]
    x = (x * 1103515245 + 12345) % 2147483648
    b = w[int(x / 65536) % 12 + 1]
    x = (x * 1103515245 + 12345) % 2147483648
    printf "%05d %s %s %d %.3f\n", i, a, b, x % 100000 - 50000, x / 2147483648 * 1000
  }
}' >big.txt

# 2 MB of the same, for the big-file paths (sendfile, long reads).
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do cat big.txt; done >huge.txt

# A small tree for find, ls, stat, du, tar and cpio.
mkdir -p tree/bin tree/docs/deep/er tree/empty-dir
cp text.txt tree/README
: >tree/empty
printf '#!/bin/sh\necho run\n' >tree/bin/run.sh
chmod 755 tree/bin/run.sh
ln -s run.sh tree/bin/tool
ln -s ../missing tree/bin/dangling
cp a.txt tree/docs/a.txt
cp b.txt tree/docs/b.txt
printf 'deepest file\n' >tree/docs/deep/er/est.txt
head -c 20000 big.txt >tree/docs/deep/data.txt
printf 'secret\n' >tree/secret
chmod 600 tree/secret
printf 'read only\n' >tree/ro
chmod 444 tree/ro
ln tree/README tree/hard
mkfifo tree/fifo 2>/dev/null || true

# Archives and compressed files, made natively.
"$bb" gzip -9 -c <words.txt >words.gz
"$bb" gzip -1 -c <big.txt >big.gz
"$bb" bzip2 -c <text.txt >text.bz2
"$bb" bzip2 -c <big.txt >big.bz2
"$bb" lzop -c <text.txt >text.lzo
"$bb" uuencode words.txt <words.txt >words.uu
"$bb" uuencode -m text.txt <text.txt >text.uum
"$bb" base64 <text.txt >text.b64
"$bb" diff -L a.txt -L a.txt a.txt b.txt >a.patch || true
"$bb" diff -L table.csv -L table.csv table.csv table.csv >/dev/null || true
"$bb" md5sum words.txt text.txt bin.dat >sums.md5
"$bb" sha256sum words.txt text.txt >sums.sha256
# The same list with text.txt's sum wrong.
awk 'BEGIN { OFS = "  " } NR == 2 { $1 = ($1 ~ /^0/ ? "1" : "0") substr($1, 2) } 1' sums.md5 >bad.md5
find "$out/tree" -print | LC_ALL=C sort >tree.list
(cd tree && find . -print | LC_ALL=C sort | "$bb" cpio -o -H newc >../tree.cpio 2>/dev/null)

# Fixed times before the tar, so its headers don't depend on today.
find . -exec touch -h -d '2021-02-03 04:05:06' {} + 2>/dev/null ||
  find . -exec touch -d '2021-02-03 04:05:06' {} +
"$bb" tar -cf tree.tar tree
"$bb" tar -cf - text.txt words.txt | "$bb" gzip -c >small.tgz
command -v xz >/dev/null && xz -c <text.txt >text.xz
command -v xz >/dev/null && xz --format=lzma -c <text.txt >text.lzma
command -v zip >/dev/null && zip -q -X words.zip words.txt text.txt
command -v ar >/dev/null && ar rcD lib.a a.txt b.txt nums.txt
# A .deb with uncompressed members: busybox forks a decompressor for
# compressed ones, and blink has no fork yet.
if command -v dpkg-deb >/dev/null; then
  mkdir -p pkg/DEBIAN pkg/usr/share/doc/blinktest
  printf 'Package: blinktest\nVersion: 1.0\nArchitecture: all\nMaintainer: Test <t@example.com>\nDescription: a test package\n' \
    >pkg/DEBIAN/control
  cp text.txt words.txt pkg/usr/share/doc/blinktest/
  SOURCE_DATE_EPOCH=1612325106 dpkg-deb -Znone --root-owner-group -b pkg test.deb >/dev/null 2>&1 ||
    rm -f test.deb
  rm -rf pkg
fi
find . -exec touch -h -d '2021-02-03 04:05:06' {} + 2>/dev/null ||
  find . -exec touch -d '2021-02-03 04:05:06' {} +
exit 0
