/* real-hash: data structures in the shape of real programs: an open-
 * addressing hash table with string keys (FNV-1a and a murmur-style
 * finalizer, linear probing, tombstones, growth), a chained table with
 * malloc'd nodes, an AVL tree, a Bloom filter, and an LRU cache on a
 * doubly linked list, all driven by one generated stream of words and
 * operations. Pointer-chasing, lots of malloc/free, unpredictable
 * branches. The tables must agree with each other; counts and hashes of
 * their contents are printed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0xbf58476d1ce4e5b9ull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}
static uint64_t fnv1a(const char *s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 0x100000001b3ull;
  }
  return h;
}
static uint64_t fmix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ull;
  k ^= k >> 33;
  return k;
}

/* ---- open addressing */
typedef struct {
  char *key;
  long value;
  int state; /* 0 empty, 1 full, 2 deleted */
} Slot;
typedef struct {
  Slot *slots;
  size_t cap, used, tomb;
} Open;
static void open_put(Open *t, const char *key, long delta);
static void open_grow(Open *t) {
  Slot *old = t->slots;
  size_t oldcap = t->cap;
  t->cap = t->cap ? t->cap * 2 : 16;
  t->slots = calloc(t->cap, sizeof *t->slots);
  t->used = t->tomb = 0;
  for (size_t i = 0; i < oldcap; i++)
    if (old[i].state == 1) {
      open_put(t, old[i].key, old[i].value);
      free(old[i].key);
    }
  free(old);
}
static Slot *open_find(Open *t, const char *key) {
  if (!t->cap) return NULL;
  size_t i = fmix(fnv1a(key)) & (t->cap - 1);
  for (;;) {
    Slot *s = &t->slots[i];
    if (s->state == 0) return NULL;
    if (s->state == 1 && !strcmp(s->key, key)) return s;
    i = (i + 1) & (t->cap - 1);
  }
}
static void open_put(Open *t, const char *key, long delta) {
  if ((t->used + t->tomb + 1) * 4 > t->cap * 3) open_grow(t);
  Slot *s = open_find(t, key);
  if (s) {
    s->value += delta;
    return;
  }
  size_t i = fmix(fnv1a(key)) & (t->cap - 1);
  while (t->slots[i].state == 1) i = (i + 1) & (t->cap - 1);
  if (t->slots[i].state == 2) t->tomb--;
  t->slots[i].state = 1;
  t->slots[i].key = strdup(key);
  t->slots[i].value = delta;
  t->used++;
}
static int open_del(Open *t, const char *key) {
  Slot *s = open_find(t, key);
  if (!s) return 0;
  free(s->key);
  s->state = 2;
  t->used--;
  t->tomb++;
  return 1;
}

/* ---- chaining */
typedef struct Node {
  struct Node *next;
  long value;
  char key[];
} Node;
static Node *chains[1021];
static Node *chain_find(const char *key) {
  for (Node *n = chains[fnv1a(key) % 1021]; n; n = n->next)
    if (!strcmp(n->key, key)) return n;
  return NULL;
}
static void chain_put(const char *key, long delta) {
  Node *n = chain_find(key);
  if (n) {
    n->value += delta;
    return;
  }
  size_t len = strlen(key);
  n = malloc(sizeof *n + len + 1);
  memcpy(n->key, key, len + 1);
  n->value = delta;
  Node **head = &chains[fnv1a(key) % 1021];
  n->next = *head;
  *head = n;
}
static int chain_del(const char *key) {
  for (Node **p = &chains[fnv1a(key) % 1021]; *p; p = &(*p)->next)
    if (!strcmp((*p)->key, key)) {
      Node *n = *p;
      *p = n->next;
      free(n);
      return 1;
    }
  return 0;
}

/* ---- AVL tree keyed by string */
typedef struct Avl {
  struct Avl *l, *r;
  int h;
  long value;
  char *key;
} Avl;
static int height(Avl *n) { return n ? n->h : 0; }
static void fix(Avl *n) {
  int a = height(n->l), b = height(n->r);
  n->h = (a > b ? a : b) + 1;
}
static Avl *rot_r(Avl *n) {
  Avl *l = n->l;
  n->l = l->r;
  l->r = n;
  fix(n);
  fix(l);
  return l;
}
static Avl *rot_l(Avl *n) {
  Avl *r = n->r;
  n->r = r->l;
  r->l = n;
  fix(n);
  fix(r);
  return r;
}
static Avl *balance(Avl *n) {
  fix(n);
  int bf = height(n->l) - height(n->r);
  if (bf > 1) {
    if (height(n->l->l) < height(n->l->r)) n->l = rot_l(n->l);
    return rot_r(n);
  }
  if (bf < -1) {
    if (height(n->r->r) < height(n->r->l)) n->r = rot_r(n->r);
    return rot_l(n);
  }
  return n;
}
static Avl *avl_put(Avl *n, const char *key, long delta) {
  if (!n) {
    n = calloc(1, sizeof *n);
    n->key = strdup(key);
    n->value = delta;
    n->h = 1;
    return n;
  }
  int c = strcmp(key, n->key);
  if (c < 0) n->l = avl_put(n->l, key, delta);
  else if (c > 0) n->r = avl_put(n->r, key, delta);
  else n->value += delta;
  return balance(n);
}
static Avl *avl_min_remove(Avl *n, Avl **min) {
  if (!n->l) {
    *min = n;
    return n->r;
  }
  n->l = avl_min_remove(n->l, min);
  return balance(n);
}
static Avl *avl_del(Avl *n, const char *key, int *found) {
  if (!n) return NULL;
  int c = strcmp(key, n->key);
  if (c < 0) n->l = avl_del(n->l, key, found);
  else if (c > 0) n->r = avl_del(n->r, key, found);
  else {
    *found = 1;
    Avl *l = n->l, *r = n->r;
    free(n->key);
    free(n);
    if (!r) return l;
    Avl *m;
    r = avl_min_remove(r, &m);
    m->l = l;
    m->r = r;
    return balance(m);
  }
  return balance(n);
}
static uint64_t avl_walk(Avl *n, long *count, long *sum) {
  if (!n) return 0;
  uint64_t h = avl_walk(n->l, count, sum);
  (*count)++;
  *sum += n->value;
  h = h * 0x100000001b3ull ^ fnv1a(n->key) ^ (uint64_t)n->value;
  return h ^ avl_walk(n->r, count, sum) * 3;
}

/* ---- LRU cache: hash of list nodes */
typedef struct Lru {
  struct Lru *prev, *next;
  uint32_t key;
} Lru;
#define LRU_CAP 64
static Lru *lru_slots[256];
static Lru lru_head = {&lru_head, &lru_head, 0};
static int lru_size;
static long lru_hits, lru_misses;
static void lru_touch(uint32_t key) {
  Lru *n = NULL;
  for (int i = 0; i < 256; i++)
    if (lru_slots[i] && lru_slots[i]->key == key) { n = lru_slots[i]; break; }
  if (n) {
    lru_hits++;
    n->prev->next = n->next;
    n->next->prev = n->prev;
  } else {
    lru_misses++;
    if (lru_size == LRU_CAP) {
      Lru *old = lru_head.prev;
      old->prev->next = &lru_head;
      lru_head.prev = old->prev;
      for (int i = 0; i < 256; i++)
        if (lru_slots[i] == old) lru_slots[i] = NULL;
      free(old);
      lru_size--;
    }
    n = malloc(sizeof *n);
    n->key = key;
    for (int i = 0; i < 256; i++)
      if (!lru_slots[i]) { lru_slots[i] = n; break; }
    lru_size++;
  }
  n->next = lru_head.next;
  n->prev = &lru_head;
  lru_head.next->prev = n;
  lru_head.next = n;
}

int main(void) {
  static const char *syl[] = {"ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "vu", "xe", "yo", "zi"};
  Open open = {0};
  Avl *tree = NULL;
  static uint64_t bloom[1024];
  long bloom_fp = 0, deletes = 0, mismatches = 0;
  char word[32];
  for (int i = 0; i < 12000; i++) {
    uint64_t r = next();
    int len = 1 + (int)(r % 3) + (r % 17 == 0);
    word[0] = 0;
    for (int k = 0; k < len; k++) strcat(word, syl[(r >> (8 + 4 * k)) % 12]);
    if (r % 11 == 0) {
      int a = open_del(&open, word), b = chain_del(word), c = 0;
      tree = avl_del(tree, word, &c);
      if (a != b || b != c) mismatches++;
      deletes += a;
    } else {
      long delta = (long)(r % 5) + 1;
      int was = open_find(&open, word) != NULL;
      uint64_t h1 = fnv1a(word), h2 = fmix(h1);
      int maybe = 1;
      for (int k = 0; k < 3; k++) {
        uint64_t bit = (h1 + (uint64_t)k * h2) % 65536;
        maybe &= (int)(bloom[bit / 64] >> (bit % 64)) & 1;
        bloom[bit / 64] |= 1ull << (bit % 64);
      }
      if (maybe && !was) bloom_fp++;
      open_put(&open, word, delta);
      chain_put(word, delta);
      tree = avl_put(tree, word, delta);
    }
    lru_touch((uint32_t)(fmix(r) % 100 < 80 ? r % 50 : r % 5000));
  }
  /* All three agree on every key. */
  long count = 0, sum = 0, ocount = 0, osum = 0, ccount = 0;
  uint64_t th = avl_walk(tree, &count, &sum);
  for (size_t i = 0; i < open.cap; i++) {
    if (open.slots[i].state != 1) continue;
    ocount++;
    osum += open.slots[i].value;
    Node *n = chain_find(open.slots[i].key);
    if (!n || n->value != open.slots[i].value) mismatches++;
  }
  for (int b = 0; b < 1021; b++)
    for (Node *n = chains[b]; n; n = n->next) ccount++;
  printf("keys: tree %ld open %ld chained %ld; values %ld %ld; deletes %ld; mismatches %ld\n",
         count, ocount, ccount, sum, osum, deletes, mismatches);
  printf("tree hash %016llx height %d\n", (unsigned long long)th, height(tree));
  printf("open table capacity %zu, tombstones %zu\n", open.cap, open.tomb);
  long popcnt = 0;
  for (int i = 0; i < 1024; i++) popcnt += __builtin_popcountll(bloom[i]);
  printf("bloom bits set %ld, false positives %ld\n", popcnt, bloom_fp);
  printf("lru hits %ld misses %ld size %d\n", lru_hits, lru_misses, lru_size);
  Slot *s = open_find(&open, "kalo");
  printf("kalo -> %ld\n", s ? s->value : -1);
  return 0;
}
