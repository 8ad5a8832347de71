/* test-cmos.c: the MC146818 RTC and CMOS RAM through ports 70h/71h,
 * compared with the host's local time (the clock's source), with the
 * formats and flags of the Motorola MC146818 datasheet. Takes about
 * three seconds: the update cycle and the guest-set clock are checked
 * against real seconds passing. */
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "../vm/check.h"
#include "fakebus.h"

#define C_UF 0x10 /* the update flag: a host second may end any time */

static struct Cmos *c;

static uint8_t rd(uint8_t i) {
  outb(0x70, i);
  return inb(0x71);
}

static void wr(uint8_t i, uint8_t v) {
  outb(0x70, i);
  outb(0x71, v);
}

static int bcd(int v) {
  return (v / 10) << 4 | v % 10;
}

static struct tm host(void) {
  time_t t = time(0);
  struct tm tm;
  localtime_r(&t, &tm);
  return tm;
}

/* The clock registers as the host's local time would give them, with
 * `f` the format (bcd or binary) and hour12 for 12-hour mode. */
static int same_time(const struct tm *tm, int binary, int hour12) {
  int h = tm->tm_hour, hr;
  int (*f)(int) = binary ? 0 : bcd;
#define F(v) (f ? f(v) : (v))
  if (hour12) {
    hr = F(h % 12 ? h % 12 : 12) | (h >= 12 ? 0x80 : 0);
  } else {
    hr = F(h);
  }
  return rd(0) == F(tm->tm_sec) && rd(2) == F(tm->tm_min) && rd(4) == hr &&
         rd(6) == F(tm->tm_wday + 1) && rd(7) == F(tm->tm_mday) &&
         rd(8) == F(tm->tm_mon + 1) && rd(9) == F(tm->tm_year % 100) &&
         rd(0x32) == F((tm->tm_year + 1900) / 100);
#undef F
}

/* Retries across a second boundary: the registers match the host's
 * clock read just before or just after. */
static int matches_host(int binary, int hour12) {
  int i;
  for (i = 0; i < 3; ++i) {
    struct tm a = host();
    if (same_time(&a, binary, hour12)) return 1;
    struct tm b = host();
    if (a.tm_sec == b.tm_sec) return 0;
  }
  return 0;
}

/* Sleeps until `ns` before the end of this second of the host's, or
 * of the next one when that moment has passed. */
static void sleep_until_end(long ns) {
  struct timespec at;
  clock_gettime(CLOCK_REALTIME, &at);
  if (at.tv_nsec >= 1000000000 - ns - 1000000) at.tv_sec += 1;
  at.tv_nsec = 1000000000 - ns;
  clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &at, 0);
}

/* Sleeps until the host's second changes (at most ~1.1 s). */
static void next_second(void) {
  time_t t = time(0);
  int i;
  for (i = 0; i < 110 && time(0) == t; ++i) usleep(10000);
}

int main(void) {
  unsigned sum;
  int i, uip_on, uip_off, bad, v;
  c = cmos_new(&fake_pc);
  fake_pic = 0;

  /* Power on: BCD, 24 hours, status A 26h (32.768 kHz, 1024 Hz), D's
   * valid-RAM bit. */
  CHECK((rd(0x0a) & 0x7f) == 0x26);
  CHECK(rd(0x0b) == 0x02);
  CHECK(rd(0x0d) == 0x80);
  CHECK(matches_host(0, 0));
  /* Binary, 24 hours. */
  wr(0x0b, 0x06);
  CHECK(matches_host(1, 0));
  /* BCD, 12 hours (bit 7 of the hour is PM). */
  wr(0x0b, 0x00);
  CHECK(matches_host(0, 1));
  /* Binary, 12 hours. */
  wr(0x0b, 0x04);
  CHECK(matches_host(1, 1));
  wr(0x0b, 0x02);

  /* 12-hour mode around noon and midnight: 12:30 is 12h with the PM
   * bit (92h), 00:30 is 12h without it. */
  wr(0x0b, 0x82);
  wr(4, 0x12);
  wr(2, 0x30);
  wr(0x0b, 0x02);
  wr(0x0b, 0x00);
  CHECK(rd(4) == 0x92);
  wr(0x0b, 0x80);
  wr(4, 0x12);
  wr(0x0b, 0x00);
  CHECK(rd(4) == 0x12);
  wr(0x0b, 0x02);
  CHECK(rd(4) == 0x00);
  wr(0x0b, 0x06); /* binary 24 h: 0 */
  CHECK(rd(4) == 0x00);
  wr(0x0b, 0x04); /* binary 12 h: 12 */
  CHECK(rd(4) == 12);
  wr(0x0b, 0x80); /* set 1 PM in BCD 12 h: 13 in 24 h */
  wr(4, 0x81);
  wr(0x0b, 0x00);
  wr(0x0b, 0x02);
  CHECK(rd(4) == 0x13);

  /* The update-in-progress bit: on for the last 244 us of each host
   * second, off otherwise. Status A is read at chosen moments of the
   * host's second; a read counts when the host clock, read just before
   * and after it, puts all of it inside (or outside) that window (a busy
   * host may wake us late: then it tries again, at most 30 seconds).
   * Once UIP clears, the seconds register has moved on. */
  prctl(PR_SET_TIMERSLACK, 1UL);
  uip_on = uip_off = bad = 0;
  for (i = 0; i < 30 && !(uip_on && uip_off); ++i) {
    struct timespec t0, t1;
    uint8_t a;
    sleep_until_end(uip_off ? 200000 : 500000000);
    clock_gettime(CLOCK_REALTIME, &t0);
    a = rd(0x0a);
    v = rd(0);
    clock_gettime(CLOCK_REALTIME, &t1);
    if (t0.tv_sec != t1.tv_sec) continue;
    if (!uip_off && t1.tv_nsec < 1000000000 - 250000) {
      uip_off = 1;
      bad |= a & 0x80;
    } else if (uip_off && t0.tv_nsec >= 1000000000 - 244000 &&
               t1.tv_nsec < 1000000000 - 1000) {
      uip_on = 1;
      bad |= !(a & 0x80) << 1;
      while (rd(0x0a) & 0x80) {
      }
      bad |= (rd(0) == v) << 2;
    }
  }
  CHECK(uip_off && uip_on);
  CHECK(bad == 0);

  /* The guest sets the clock (SET halts updates while it writes):
   * 1999-12-31 23:59:59, a Friday; one second later it is 2000. */
  wr(0x0b, 0x82);
  wr(0, 0x59);
  wr(2, 0x59);
  wr(4, 0x23);
  wr(6, 0x06);
  wr(7, 0x31);
  wr(8, 0x12);
  wr(9, 0x99);
  wr(0x32, 0x19);
  CHECK(rd(0) == 0x59 && rd(9) == 0x99);
  next_second();
  CHECK(rd(0) == 0x59); /* frozen while SET */
  wr(0x0b, 0x02);
  v = rd(0);
  CHECK(v == 0x59 || v == 0x00);
  if (v == 0x59) CHECK(rd(6) == 0x06 && rd(7) == 0x31 && rd(0x32) == 0x19);
  next_second();
  if (v == 0x59) next_second();
  CHECK(rd(9) == 0x00 && rd(0x32) == 0x20 && rd(8) == 0x01 &&
        rd(7) == 0x01 && rd(4) == 0x00 && rd(2) == 0x00);
  CHECK(rd(6) == 0x07); /* 2000-01-01 was a Saturday */
  /* Writing one register while running changes the time from there. */
  wr(9, 0x24);
  CHECK(rd(9) == 0x24 && rd(8) == 0x01);
  /* The weekday is a counter of its own: what the guest wrote stays
   * (2024-01-01 was a Monday, 2, but it says Wednesday). */
  wr(6, 0x04);
  CHECK(rd(6) == 0x04 && rd(9) == 0x24);

  /* Status C: the periodic flag (PF) every 1/1024 s of the PC's clock;
   * IRQ8 only with PIE; reading C clears the flags and the request. */
  fake_now = 5000000000;
  rd(0x0c);
  fake_now += 2000000;
  CHECK((rd(0x0c) & ~C_UF) == 0x40);
  CHECK((rd(0x0c) & ~C_UF) == 0x00);
  CHECK(fake_rises[8] == 0);
  wr(0x0b, 0x42);
  fake_service();
  fake_run_until(fake_now + 1000000);
  CHECK(fake_rises[8] == 1 && fake_level[8] == 1);
  CHECK((rd(0x0c) & ~C_UF) == 0xc0);
  CHECK(fake_level[8] == 0);
  fake_run_until(fake_now + 1000000);
  CHECK(fake_rises[8] == 2);
  rd(0x0c);
  /* Periods missed by a late service (the host was busy) come back,
   * two at most, one each time the handler reads C. */
  i = fake_rises[8];
  fake_now += 10 * 976562;
  fake_service();
  CHECK(fake_rises[8] == i + 1);
  CHECK((rd(0x0c) & ~C_UF) == 0xc0 && fake_rises[8] == i + 2);
  CHECK((rd(0x0c) & ~C_UF) == 0xc0 && fake_rises[8] == i + 3);
  CHECK((rd(0x0c) & ~C_UF) == 0xc0 && fake_rises[8] == i + 3);
  CHECK(fake_level[8] == 0);
  /* Rate 15: 2 Hz, counted from when it was set. */
  i = fake_rises[8];
  fake_now = 6100000000;
  wr(0x0a, 0x2f);
  fake_run_until(6400000000);
  CHECK(fake_rises[8] == i);
  fake_run_until(6600000000);
  CHECK(fake_rises[8] == i + 1);
  rd(0x0c);
  wr(0x0b, 0x02);
  wr(0x0a, 0x26);

  /* Update-ended and alarm (C0h-FFh: any value) interrupts, once a
   * second. */
  wr(0x01, 0xc0);
  wr(0x03, 0xc0);
  wr(0x05, 0xff);
  wr(0x0b, 0x32);
  rd(0x0c);
  i = fake_rises[8];
  next_second();
  fake_now += 1000000000;
  fake_service();
  CHECK(fake_rises[8] == i + 1);
  CHECK((rd(0x0c) & 0xb0) == 0xb0);
  /* An alarm that does not match: only the update flag. */
  wr(0x05, bcd((host().tm_hour + 2) % 24));
  next_second();
  fake_now += 1000000000;
  fake_service();
  CHECK((rd(0x0c) & 0xb0) == 0x90);
  wr(0x0b, 0x02);

  /* CMOS RAM: plain bytes; the NMI bit in the index changes nothing;
   * cmos_set keeps the checksum over 10h-2Dh at 2Eh (high), 2Fh. */
  wr(0x40, 0x5a);
  CHECK(rd(0x40) == 0x5a && rd(0xc0) == 0x5a);
  cmos_set(c, 0x10, 0x40);
  cmos_set(c, 0x15, 0x80);
  cmos_set(c, 0x16, 0x02);
  cmos_set(c, 0x17, 0x00);
  cmos_set(c, 0x18, 0x3c);
  for (sum = 0, i = 0x10; i <= 0x2d; ++i) sum += rd(i);
  CHECK(sum == 0x40 + 0x80 + 0x02 + 0x3c);
  CHECK(rd(0x2e) == sum >> 8 && rd(0x2f) == (sum & 0xff));
  /* A word OUT to 70h is a byte to 70h (the index) and one to 71h (the
   * data), as the ISA bus splits it; a word IN reads both. */
  out_(0x70, 2, 0xa541);
  CHECK(rd(0x41) == 0xa5);
  outb(0x70, 0x41);
  CHECK(in_(0x70, 2) == 0xa541);
  /* Status D and C are read-only. */
  wr(0x0d, 0x00);
  CHECK(rd(0x0d) == 0x80);

  CHECK(fake_unclaimed == 0);
  printf("test-cmos: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
