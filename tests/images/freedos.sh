#!/bin/bash
# tests/images/freedos.sh: the FreeDOS 1.3 floppy (../shared/testdata/
# freedos, 720 KiB) boots from INT 13h: its boot sector loads KERNEL.SYS,
# the kernel shows FDCONFIG.SYS's language menu ("1 - English"), then
# COMMAND.COM runs FDAUTO.BAT, which starts the installer (SETUP.BAT
# BOOT: "Do you want to proceed [Y,N]?"). A person answers 1, then N
# (the installer is left: "aborted"), and at the A:\> prompt types `ver`
# `dir` and `ver /r`. The answers: `ver` names FreeCOM, `ver /r` the
# kernel too (which also names itself while booting); `dir` lists the floppy's root directory, whose volume
# label (FD13-BOOT), serial number, KERNEL.SYS of 46,485 bytes and four
# files of 87,994 bytes are what the image's boot sector and FAT hold.
# The image is copied (the disk is writable). DOS prints through the BIOS
# teletype, so the prompt is seen on stdout; the installer's V8Power
# tools write video memory, seen on the final screen.
. "$(dirname "$0")/lib.sh"

src=$TESTDATA/freedos/freedos13-floppy.img
need "$src"
img=$WORK/freedos.img
cp "$src" "$img" && chmod u+w "$img"

WAIT_MAX=30 boot dos "$img" 30 "wait English" "type 1" \
  "until 4 N\\r A:\\>" "sleep 1" "type \b\b\b\b\b\b\b\b" \
  "type ver\r" "wait FreeCom" "sleep 2" "type dir\r" "wait bytes free" "sleep 1" \
  "type ver /r\r" "waitn 2 FreeDOS kernel" "sleep 2"
text "$WORK/dos.out" >"$WORK/dos.txt"
has 'the boot menu' "$WORK/dos.txt" '1 - English'
has 'the kernel' "$WORK/dos.txt" 'FreeDOS kernel [0-9]+ \(build '
has 'the prompt' "$WORK/dos.txt" '^A:\\>'
# answer_of CMD: what was printed between the command line A:\>CMD and
# the next prompt.
answer_of() {
  cmd="A:\\>$1" awk 'f && /^A:\\>/ { exit } f { print } $0 == ENVIRON["cmd"] { f = 1 }' "$WORK/dos.txt"
}
answer_of ver >"$WORK/ver.txt"
has 'ver: the shell' "$WORK/ver.txt" '^FreeCom version '
answer_of 'ver /r' >"$WORK/ver-r.txt"
has 'ver /r: the kernel' "$WORK/ver-r.txt" 'FreeDOS kernel [0-9]+'
answer_of dir >"$WORK/dir.txt"
has 'dir: the volume label' "$WORK/dir.txt" '^ Volume in drive A is FD13-BOOT$'
has 'dir: the serial number (BPB: 87BE6273h)' "$WORK/dir.txt" 'Serial Number is 87BE-6273$'
has 'dir: KERNEL.SYS' "$WORK/dir.txt" '^KERNEL +SYS +46[,.]?485 '
has 'dir: FREEDOS' "$WORK/dir.txt" '^FREEDOS +<DIR>'
has 'dir: the four files' "$WORK/dir.txt" '4 file\(s\) +87[,.]?994 bytes'
# What the screen shows at the end: the installer left, dir's listing
# and the prompt again.
has 'screen: the installer left' "$WORK/dos.screen" 'installation of FreeDOS 1\.3 has been aborted'
has 'screen: dir' "$WORK/dos.screen" '^KERNEL +SYS +46[,.]?485 '
has 'screen: ver /r' "$WORK/dos.screen" 'FreeDOS kernel [0-9]+'
has 'screen: the prompt' "$WORK/dos.screen" '^A:\\>$'
finish
