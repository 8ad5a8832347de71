/* dev.h: the devices' constructors and the calls pc.c makes into them.
 *
 * Each device claims its ports with pc_ports() and keeps its state in
 * pc_alloc() memory; timed work goes through pc_timer(). */
#ifndef BLINK_PC_DEV_H
#define BLINK_PC_DEV_H

#include <stdint.h>

#include "pc/pc.h"

/* The PC's devices sit on the 8-bit ISA bus: a word or dword IN or OUT
 * is that many byte accesses at consecutive ports, low byte first, as
 * the bus controller splits it. Devices whose ports are 8 bits wide
 * start their handlers with these. */
static inline uint32_t pc_split_in(pc_in_fn in, void *dev, uint16_t port,
                                   unsigned size) {
  uint32_t v = 0;
  unsigned i;
  for (i = 0; i < size; ++i)
    v |= (in(dev, (uint16_t)(port + i), 1) & 0xff) << (8 * i);
  return v;
}

static inline void pc_split_out(pc_out_fn out, void *dev, uint16_t port,
                                unsigned size, uint32_t v) {
  unsigned i;
  for (i = 0; i < size; ++i)
    out(dev, (uint16_t)(port + i), 1, (v >> (8 * i)) & 0xff);
}

struct Pic;
struct Kbd;
struct Cmos;
struct Vga;

/* The 8259A pair: master 20h-21h (IRQ 0-7), slave A0h-A1h (IRQ 8-15,
 * cascaded on IRQ2; a device on line 2 arrives as IRQ9, the AT's
 * wiring), ELCR 4D0h-4D1h. pc_irq() calls pic_line();
 * pic_pending() says whether an unmasked request outranks what is in
 * service (the CPU's irq_pending); pic_ack() is the INTA cycle: the
 * vector, with the request moved to in-service (7 or 15's vector for a
 * spurious one). */
struct Pic *pic_new(struct Pc *pc);
void pic_line(struct Pic *p, int line, int level);
int pic_pending(struct Pic *p);
int pic_ack(struct Pic *p);

/* The 8254 at 40h-43h; channel 0 drives IRQ0, channel 2's gate and
 * output are port 61h bits 0 and 5 (misc.c asks through these). */
struct Pit;
struct Pit *pit_new(struct Pc *pc);
void pit_gate2(struct Pit *t, int level);
int pit_out2(struct Pit *t);

/* The 8042 at 60h and 64h: keys from pc_key() become scan code set 1
 * bytes on IRQ1; its output port drives A20 and reset. */
struct Kbd *kbd_new(struct Pc *pc);
void kbd_key(struct Kbd *k, int key);
/* Nothing for the CPU in the controller: no byte in the output buffer,
 * no answer and no scan code queued (front ends pace keys with it). */
int kbd_idle(struct Kbd *k);

/* CMOS and the real-time clock at 70h-71h (IRQ8). pc.c writes the
 * configuration bytes (memory sizes, drives, equipment) with cmos_set. */
struct Cmos *cmos_new(struct Pc *pc);
void cmos_set(struct Cmos *c, int index, uint8_t v);

/* A 16550A UART: COM1 is base 3F8h, IRQ4. */
struct Uart;
struct Uart *uart_new(struct Pc *pc, uint16_t base, int irq);
/* Bytes arriving on the line (a front end's serial input): returns how
 * many fit the receive FIFO; the caller offers the rest later. */
size_t uart_input(struct Uart *u, const char *s, size_t n);

/* VGA registers (CRTC 3B4h/3D4h, status 3BAh/3DAh, attribute 3C0h,
 * misc 3C2h/3CCh, DAC 3C7h-3C9h...); text and mode-13h memory are
 * plain RAM that vga_screen() reads. */
struct Vga *vga_new(struct Pc *pc);
void vga_screen(struct Vga *v, struct PcScreen *s);

/* Small ports: E8h (teletype echo), E9h (debug), 61h (speaker, channel
 * 2 gate, refresh toggle), 80h (POST codes), 92h (fast A20, reset). */
void misc_ports_new(struct Pc *pc, struct Pit *pit);

#endif
