#!/bin/bash
# tests/images/freedos.sh: the FreeDOS 1.3 floppy (../shared/testdata/
# freedos, 720 KiB) boots from INT 13h: its boot sector loads KERNEL.SYS,
# the kernel shows FDCONFIG.SYS's language menu ("1 - English"), then
# COMMAND.COM runs FDAUTO.BAT, which starts the installer (SETUP.BAT
# BOOT: "Do you want to proceed [Y,N]?"). A person answers 1, then N
# (the installer is left: "aborted"), and at the A:\> prompt types `ver`
# and `dir`. The answers: `ver` names the FreeDOS kernel and FreeCOM; `dir`
# lists the floppy's root directory, whose volume label (FD13-BOOT) and
# KERNEL.SYS of 46,485 bytes are what the image's FAT directory holds.
# The image is copied (the disk is writable). DOS prints through the BIOS
# teletype, so the prompt is seen on stdout; the installer's V8Power
# tools write video memory, seen on the final screen.
. "$(dirname "$0")/lib.sh"

src=$TESTDATA/freedos/freedos13-floppy.img
need "$src"
img=$WORK/freedos.img
cp "$src" "$img" && chmod u+w "$img"

WAIT_MAX=90 boot dos "$img" 150 "wait English" "type 1" \
  "until 4 N A:\\>" "sleep 1" "type \b\b\b\b\b\b\b\b" \
  "type ver\r" "wait FreeCom" "sleep 2" "type dir\r" "wait bytes free" "sleep 2"
text "$WORK/dos.out" >"$WORK/dos.txt"
has 'the boot menu' "$WORK/dos.txt" '1 - English'
has 'the prompt' "$WORK/dos.txt" '^A:\\>'
has 'ver: the kernel' "$WORK/dos.txt" 'FreeDOS kernel'
has 'ver: the shell' "$WORK/dos.txt" 'FreeCom version'
has 'dir: the volume label' "$WORK/dos.txt" 'Volume in drive A is FD13-BOOT'
has 'dir: KERNEL.SYS' "$WORK/dos.txt" '^KERNEL +SYS +46[,.]?485 '
# What the screen shows at the end: dir's listing and the prompt again.
has 'screen: dir' "$WORK/dos.screen" '^KERNEL +SYS +46[,.]?485 '
has 'screen: the prompt' "$WORK/dos.screen" '^A:\\>$'
finish
