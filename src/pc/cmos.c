/* cmos.c: the MC146818 real-time clock and CMOS RAM at 70h/71h, IRQ8
 * (see dev.h).
 *
 * 128 bytes: the clock's registers 00h-0Dh, then the configuration the
 * BIOS reads (pc.c fills it with cmos_set; the checksum at 2Eh/2Fh over
 * 10h-2Dh is kept right for those). The clock is the host's local time
 * plus whatever offset the guest sets; registers read in BCD or binary
 * and 12- or 24-hour form as status B says. Status A's update-in-
 * progress bit is on for the last 244 us of each host second, as on the
 * chip. Periodic, alarm and update-ended interrupts set status C's flags
 * and raise IRQ8 when enabled; reading C clears them. Periodic
 * interrupts a late service missed are replayed (two at most), one
 * each time the handler reads C. */
#include <stdint.h>
#include <time.h>

#include "pc/dev.h"

enum { SEC, SEC_ALARM, MIN, MIN_ALARM, HOUR, HOUR_ALARM, WDAY, MDAY, MONTH,
       YEAR, REG_A, REG_B, REG_C, REG_D, CENTURY = 0x32 };
enum { B_SET = 0x80, B_PIE = 0x40, B_AIE = 0x20, B_UIE = 0x10,
       B_BINARY = 0x04, B_24H = 0x02 };
enum { C_IRQF = 0x80, C_PF = 0x40, C_AF = 0x20, C_UF = 0x10 };

struct Cmos {
  struct Pc *pc;
  uint8_t ram[128];
  uint8_t index;
  int line;           /* IRQ8 as last driven */
  int64_t offset;     /* guest seconds minus host local seconds */
  int64_t last_sec;   /* the guest second the flags were brought to */
  uint64_t last_period; /* periodic interrupts counted so far */
  int owed;           /* periods a late service missed, to replay */
  int wday_adj;       /* the guest's weekday minus the date's (mod 7): the
                         chip counts weekdays by themselves */
};

/* Host local time as seconds of a UTC-like epoch, and the nanoseconds
 * into the current second. */
static int64_t host_local(long *nsec) {
  struct timespec ts;
  struct tm tm;
  time_t t;
  clock_gettime(CLOCK_REALTIME, &ts);
  t = ts.tv_sec;
  localtime_r(&t, &tm);
  if (nsec) *nsec = ts.tv_nsec;
  return (int64_t)ts.tv_sec + tm.tm_gmtoff;
}

static int64_t guest_now(struct Cmos *c, long *nsec) {
  return host_local(nsec) + c->offset;
}

static uint8_t to_reg(struct Cmos *c, int v) {
  if (c->ram[REG_B] & B_BINARY) return (uint8_t)v;
  return (uint8_t)((v / 10) << 4 | v % 10);
}

static int from_reg(struct Cmos *c, uint8_t v) {
  if (c->ram[REG_B] & B_BINARY) return v;
  return (v >> 4) * 10 + (v & 15);
}

static uint8_t hour_reg(struct Cmos *c, int h) {
  if (c->ram[REG_B] & B_24H) return to_reg(c, h);
  /* 12-hour: 12, 1 .. 11 with bit 7 for PM */
  return (uint8_t)(to_reg(c, h % 12 ? h % 12 : 12) | (h >= 12 ? 0x80 : 0));
}

static int hour_of(struct Cmos *c, uint8_t v) {
  int h;
  if (c->ram[REG_B] & B_24H) return from_reg(c, v);
  h = from_reg(c, v & 0x7f) % 12;
  return (v & 0x80) ? h + 12 : h;
}

/* The clock registers from the guest's time t. */
static void fill(struct Cmos *c, int64_t t) {
  struct tm tm;
  time_t tt = (time_t)t;
  gmtime_r(&tt, &tm);
  c->ram[SEC] = to_reg(c, tm.tm_sec);
  c->ram[MIN] = to_reg(c, tm.tm_min);
  c->ram[HOUR] = hour_reg(c, tm.tm_hour);
  c->ram[WDAY] = to_reg(c, (tm.tm_wday + c->wday_adj) % 7 + 1);
  c->ram[MDAY] = to_reg(c, tm.tm_mday);
  c->ram[MONTH] = to_reg(c, tm.tm_mon + 1);
  c->ram[YEAR] = to_reg(c, tm.tm_year % 100);
  c->ram[CENTURY] = to_reg(c, (tm.tm_year + 1900) / 100);
}

/* The guest set the clock: its registers become the time from now on. */
static void apply(struct Cmos *c) {
  struct tm tm = {0};
  tm.tm_sec = from_reg(c, c->ram[SEC]);
  tm.tm_min = from_reg(c, c->ram[MIN]);
  tm.tm_hour = hour_of(c, c->ram[HOUR]);
  tm.tm_mday = from_reg(c, c->ram[MDAY]);
  tm.tm_mon = from_reg(c, c->ram[MONTH]) - 1;
  tm.tm_year = from_reg(c, c->ram[CENTURY]) * 100 +
               from_reg(c, c->ram[YEAR]) - 1900;
  time_t t = timegm(&tm); /* normalizes tm, tm_wday included */
  c->offset = (int64_t)t - host_local(0);
  c->last_sec = (int64_t)t;
  c->wday_adj = ((from_reg(c, c->ram[WDAY]) - 1 - tm.tm_wday) % 7 + 7) % 7;
}

/* Whether the alarm registers match (C0h-FFh matches anything). */
static int alarm_matches(struct Cmos *c) {
  static const uint8_t kPairs[3][2] = {{SEC_ALARM, SEC}, {MIN_ALARM, MIN},
                                       {HOUR_ALARM, HOUR}};
  int i;
  for (i = 0; i < 3; ++i) {
    uint8_t a = c->ram[kPairs[i][0]];
    if ((a & 0xc0) == 0xc0) continue;
    if (a != c->ram[kPairs[i][1]]) return 0;
  }
  return 1;
}

/* The periodic rate in nanoseconds from status A (0: off): with the
 * 32.768 kHz divider (010b), rates 1 and 2 are 256 and 128 Hz, 3-15
 * are 32768 >> (rate - 1) Hz. */
static uint64_t period_ns(struct Cmos *c) {
  int rate = c->ram[REG_A] & 15, hz;
  if (!rate || (c->ram[REG_A] & 0x70) != 0x20) return 0;
  hz = rate < 3 ? 256 >> (rate - 1) : 32768 >> (rate - 1);
  return 1000000000u / hz;
}

static void update_irq(struct Cmos *c) {
  uint8_t f = c->ram[REG_C] & c->ram[REG_B] & (C_PF | C_AF | C_UF);
  int level = f != 0;
  if (f) c->ram[REG_C] |= C_IRQF;
  if (level == c->line) return;
  c->line = level;
  pc_irq(c->pc, 8, level);
}

/* Status C's flags brought up to now. */
static void catch_up(struct Cmos *c, uint64_t now) {
  uint64_t p = period_ns(c), k;
  int64_t sec;
  if (p) {
    k = now / p;
    if (k > c->last_period) {
      /* Periods the host's scheduling made us miss (and one still
       * flagged, not taken) are replayed one per read of status C, at
       * most two: no storm after a pause. */
      uint64_t missed = k - c->last_period - 1 + !!(c->ram[REG_C] & C_PF);
      if (c->ram[REG_B] & B_PIE) {
        c->owed += missed > 2 ? 2 : (int)missed;
        if (c->owed > 2) c->owed = 2;
      }
      c->ram[REG_C] |= C_PF;
    }
    c->last_period = k;
  }
  if (!(c->ram[REG_B] & B_SET)) {
    sec = guest_now(c, 0);
    if (sec != c->last_sec) {
      c->last_sec = sec;
      c->ram[REG_C] |= C_UF;
      fill(c, sec);
      if (alarm_matches(c)) c->ram[REG_C] |= C_AF;
    }
  }
  update_irq(c);
}

static uint64_t cmos_service(void *dev, uint64_t now) {
  struct Cmos *c = dev;
  uint64_t next = UINT64_MAX, p;
  long nsec;
  catch_up(c, now);
  if ((c->ram[REG_B] & B_PIE) && (p = period_ns(c))) next = (now / p + 1) * p;
  if ((c->ram[REG_B] & (B_AIE | B_UIE)) && !(c->ram[REG_B] & B_SET)) {
    guest_now(c, &nsec);
    if (now + (1000000000 - nsec) < next) next = now + (1000000000 - nsec);
  }
  return next;
}

/* The registers that hold the running time. */
static int is_time(int i) {
  return i == SEC || i == MIN || i == HOUR || (i >= WDAY && i <= YEAR) ||
         i == CENTURY;
}

static uint32_t cmos_in(void *dev, uint16_t port, unsigned size) {
  struct Cmos *c = dev;
  uint8_t i = c->index & 0x7f, v;
  long nsec;
  if (size > 1) return pc_split_in(cmos_in, dev, port, size);
  if (port == 0x70) return c->index;
  switch (i) {
    case REG_A:
      guest_now(c, &nsec);
      v = c->ram[REG_A] & 0x7f;
      if (!(c->ram[REG_B] & B_SET) && nsec >= 1000000000 - 244000) v |= 0x80;
      return v;
    case REG_C:
      catch_up(c, pc_now(c->pc));
      v = c->ram[REG_C];
      c->ram[REG_C] = 0;
      update_irq(c); /* the line falls... */
      if (c->owed && (c->ram[REG_B] & B_PIE)) {
        --c->owed;
        c->ram[REG_C] = C_PF; /* ...and rises again for a missed period */
        update_irq(c);
      }
      return v;
    case REG_D:
      return 0x80; /* the battery is good */
    default:
      if (is_time(i) && !(c->ram[REG_B] & B_SET)) fill(c, guest_now(c, 0));
      return c->ram[i];
  }
}

static void cmos_out(void *dev, uint16_t port, unsigned size, uint32_t v) {
  struct Cmos *c = dev;
  uint8_t i = c->index & 0x7f, old;
  if (size > 1) {
    pc_split_out(cmos_out, dev, port, size, v);
    return;
  }
  if (port == 0x70) {
    c->index = (uint8_t)v; /* bit 7 masks NMI: the PC has none to mask */
    return;
  }
  switch (i) {
    case REG_A:
      c->ram[REG_A] = (uint8_t)v & 0x7f;
      /* A new rate counts its periods from now. */
      if (period_ns(c)) c->last_period = pc_now(c->pc) / period_ns(c);
      pc_timer(c->pc, cmos_service, c);
      break;
    case REG_B:
      old = c->ram[REG_B];
      c->ram[REG_B] = (uint8_t)v;
      if (!(v & B_PIE)) c->owed = 0;
      if ((old & B_SET) && !(v & B_SET)) {
        apply(c); /* the guest's time runs from here */
      } else if (!(old & B_SET) && (v & B_SET)) {
        fill(c, guest_now(c, 0)); /* frozen for the guest to change */
      }
      pc_timer(c->pc, cmos_service, c);
      update_irq(c);
      break;
    case REG_C:
    case REG_D:
      break; /* read-only */
    default:
      if (is_time(i)) {
        if (c->ram[REG_B] & B_SET) {
          c->ram[i] = (uint8_t)v;
        } else {
          fill(c, guest_now(c, 0));
          c->ram[i] = (uint8_t)v;
          apply(c);
        }
      } else {
        c->ram[i] = (uint8_t)v;
      }
      break;
  }
}

void cmos_set(struct Cmos *c, int index, uint8_t v) {
  unsigned sum = 0;
  int i;
  if (index < 0 || index > 127 || index <= REG_D) return;
  c->ram[index] = v;
  if (index >= 0x10 && index <= 0x2d) {
    for (i = 0x10; i <= 0x2d; ++i) sum += c->ram[i];
    c->ram[0x2e] = (uint8_t)(sum >> 8);
    c->ram[0x2f] = (uint8_t)sum;
  }
}

struct Cmos *cmos_new(struct Pc *pc) {
  struct Cmos *c = pc_alloc(pc, sizeof(*c));
  c->pc = pc;
  c->ram[REG_A] = 0x26; /* 32.768 kHz, 1024 Hz periodic rate */
  c->ram[REG_B] = B_24H; /* BCD, 24-hour, as PC BIOSes set it */
  c->ram[REG_D] = 0x80;
  c->last_sec = guest_now(c, 0);
  c->last_period = period_ns(c) ? pc_now(pc) / period_ns(c) : 0;
  fill(c, c->last_sec);
  cmos_set(c, 0x10, 0); /* a valid checksum over the empty configuration */
  pc_ports(pc, 0x70, 0x71, cmos_in, cmos_out, c);
  pc_timer(pc, cmos_service, c);
  return c;
}
