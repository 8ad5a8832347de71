# tests/ui/lib/boot.sh: boot sectors for the blinkenlights -r tests.
#   boot NAME   tests/ui/boot/NAME.S assembled (as --32) and linked flat
#               at 0x7c00 (ld --oformat binary) into $PWD/NAME.img;
#               exits 77 when binutils cannot.
boot() {
  local src=$SRCDIR/tests/ui/boot/$1.S
  as --32 -o "$PWD/$1.o" "$src" 2>/dev/null &&
    ld -m elf_i386 --oformat binary -Ttext 0x7c00 -o "$PWD/$1.img" "$PWD/$1.o" \
      2>/dev/null ||
    { echo "cannot assemble ${src##*/} (as --32, ld -m elf_i386)"; exit 77; }
}
