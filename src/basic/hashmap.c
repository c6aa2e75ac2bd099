/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* hashmap.c: open addressing with linear probing over a power-of-two table. Removal leaves a
 * tombstone instead of shifting entries, so an iteration that removes the entry it was just
 * given neither skips nor repeats entries; tombstones are swept when the table is rebuilt on
 * insertion. The table owns neither keys nor values. Load (live + tombstones) stays ≤ 3/4. */

#include "hashmap.h"

enum {
        SLOT_FREE = 0,
        SLOT_USED,
        SLOT_DELETED,
};

typedef struct Slot {
        const void *key;
        void *value;
        uint64_t hash;
        unsigned state;
} Slot;

struct Hashmap {
        const HashOps *ops;
        Slot *slots;
        size_t n_slots;         /* 0 or a power of two */
        size_t n_used;
        size_t n_deleted;
        size_t first;           /* no used slot below this index: keeps draining O(n) */
};

/* Final mixing step of a 64-bit hash (from MurmurHash3's fmix64 constants), so that
 * pointers and short strings spread over the low bits the table indexes by. */
static uint64_t mix64(uint64_t k) {
        k ^= k >> 33;
        k *= UINT64_C(0xff51afd7ed558ccd);
        k ^= k >> 33;
        k *= UINT64_C(0xc4ceb9fe1a85ec53);
        k ^= k >> 33;
        return k;
}

static uint64_t string_hash(const void *p) {
        const unsigned char *s = p;
        uint64_t h = UINT64_C(0xcbf29ce484222325);      /* FNV-1a */

        for (; *s; s++) {
                h ^= *s;
                h *= UINT64_C(0x100000001b3);
        }
        return mix64(h);
}

static int string_compare(const void *a, const void *b) {
        return strcmp(a, b);
}

static uint64_t trivial_hash(const void *p) {
        return mix64((uint64_t) (uintptr_t) p);
}

static int trivial_compare(const void *a, const void *b) {
        return a < b ? -1 : a > b ? 1 : 0;
}

const HashOps string_hash_ops = {
        .hash = string_hash,
        .compare = string_compare,
};

const HashOps trivial_hash_ops = {
        .hash = trivial_hash,
        .compare = trivial_compare,
};

Hashmap *hashmap_new(const HashOps *ops) {
        Hashmap *h;

        h = new0(Hashmap, 1);
        if (!h)
                return NULL;
        h->ops = ops ?: &trivial_hash_ops;
        return h;
}

Hashmap *hashmap_free(Hashmap *h) {
        if (!h)
                return NULL;
        free(h->slots);
        free(h);
        return NULL;
}

int hashmap_ensure_allocated(Hashmap **h, const HashOps *ops) {
        assert(h);

        if (*h)
                return 0;
        *h = hashmap_new(ops);
        if (!*h)
                return -ENOMEM;
        return 1;
}

/* Index of the slot holding key, or SIZE_MAX. */
static size_t find_slot(const Hashmap *h, const void *key, uint64_t hash) {
        size_t mask, i;

        if (!h || h->n_slots == 0)
                return SIZE_MAX;

        mask = h->n_slots - 1;
        for (i = hash & mask;; i = (i + 1) & mask) {
                const Slot *s = h->slots + i;

                if (s->state == SLOT_FREE)
                        return SIZE_MAX;
                if (s->state == SLOT_USED && s->hash == hash && h->ops->compare(s->key, key) == 0)
                        return i;
        }
}

static void insert_fresh(Slot *slots, size_t n_slots, const void *key, void *value, uint64_t hash) {
        size_t mask = n_slots - 1, i;

        for (i = hash & mask; slots[i].state == SLOT_USED; i = (i + 1) & mask)
                ;
        slots[i] = (Slot) {
                .key = key,
                .value = value,
                .hash = hash,
                .state = SLOT_USED,
        };
}

static int resize(Hashmap *h, size_t want) {
        size_t n = 4;                   /* most sets (a unit's dependencies) hold 1–3 */
        Slot *slots;

        /* Room for want live entries at ≤ 1/2 load, so that the next rebuild is far away. */
        while (n / 2 < want) {
                if (n > SIZE_MAX / 4 / sizeof(Slot))
                        return -ENOMEM;
                n *= 2;
        }

        slots = new0(Slot, n);
        if (!slots)
                return -ENOMEM;

        for (size_t i = 0; i < h->n_slots; i++)
                if (h->slots[i].state == SLOT_USED)
                        insert_fresh(slots, n, h->slots[i].key, h->slots[i].value, h->slots[i].hash);

        free(h->slots);
        h->slots = slots;
        h->n_slots = n;
        h->n_deleted = 0;
        h->first = 0;
        return 0;
}

static int insert_new(Hashmap *h, const void *key, void *value, uint64_t hash) {
        size_t mask, i;
        int r;

        if ((h->n_used + h->n_deleted + 1) * 4 > h->n_slots * 3) {
                r = resize(h, h->n_used + 1);
                if (r < 0)
                        return r;
        }

        mask = h->n_slots - 1;
        for (i = hash & mask; h->slots[i].state == SLOT_USED; i = (i + 1) & mask)
                ;
        if (h->slots[i].state == SLOT_DELETED)
                h->n_deleted--;
        h->slots[i] = (Slot) {
                .key = key,
                .value = value,
                .hash = hash,
                .state = SLOT_USED,
        };
        h->n_used++;
        h->first = MIN(h->first, i);
        return 1;
}

int hashmap_put(Hashmap *h, const void *key, void *value) {
        uint64_t hash;
        size_t i;

        assert(h);

        hash = h->ops->hash(key);
        i = find_slot(h, key, hash);
        if (i != SIZE_MAX)
                return h->slots[i].value == value ? 0 : -EEXIST;

        return insert_new(h, key, value, hash);
}

int hashmap_replace(Hashmap *h, const void *key, void *value) {
        uint64_t hash;
        size_t i;

        assert(h);

        hash = h->ops->hash(key);
        i = find_slot(h, key, hash);
        if (i != SIZE_MAX) {
                /* The new key may be the object that owns the new value; keep the two together. */
                h->slots[i].key = key;
                h->slots[i].value = value;
                return 0;
        }

        return insert_new(h, key, value, hash);
}

void *hashmap_get(const Hashmap *h, const void *key) {
        size_t i;

        if (!h || h->n_used == 0)
                return NULL;
        i = find_slot(h, key, h->ops->hash(key));
        return i == SIZE_MAX ? NULL : h->slots[i].value;
}

bool hashmap_contains(const Hashmap *h, const void *key) {
        if (!h || h->n_used == 0)
                return false;
        return find_slot(h, key, h->ops->hash(key)) != SIZE_MAX;
}

static void *remove_slot(Hashmap *h, size_t i) {
        void *v = h->slots[i].value;

        h->slots[i] = (Slot) { .state = SLOT_DELETED };
        h->n_used--;
        h->n_deleted++;
        return v;
}

void *hashmap_remove(Hashmap *h, const void *key) {
        size_t i;

        if (!h || h->n_used == 0)
                return NULL;
        i = find_slot(h, key, h->ops->hash(key));
        if (i == SIZE_MAX)
                return NULL;
        return remove_slot(h, i);
}

size_t hashmap_size(const Hashmap *h) {
        return h ? h->n_used : 0;
}

void hashmap_clear(Hashmap *h) {
        if (!h)
                return;
        h->slots = mfree(h->slots);
        h->n_slots = h->n_used = h->n_deleted = h->first = 0;
}

bool hashmap_iterate(const Hashmap *h, size_t *i, void **ret_value, const void **ret_key) {
        assert(i);

        if (h && h->n_used > 0)
                for (*i = MAX(*i, h->first); *i < h->n_slots; (*i)++) {
                        const Slot *s = h->slots + *i;

                        if (s->state != SLOT_USED)
                                continue;
                        if (ret_value)
                                *ret_value = s->value;
                        if (ret_key)
                                *ret_key = s->key;
                        (*i)++;
                        return true;
                }

        if (ret_value)
                *ret_value = NULL;
        if (ret_key)
                *ret_key = NULL;
        return false;
}

void *hashmap_first(const Hashmap *h) {
        size_t i = 0;
        void *v;

        if (!hashmap_iterate(h, &i, &v, NULL))
                return NULL;
        return v;
}

void *hashmap_steal_first(Hashmap *h) {
        if (!h || h->n_used == 0)
                return NULL;
        for (size_t i = h->first; i < h->n_slots; i++)
                if (h->slots[i].state == SLOT_USED) {
                        h->first = i + 1;
                        return remove_slot(h, i);
                }
        return NULL;
}

int set_ensure_put(Set **s, void *p) {
        int r;

        assert(s);

        r = hashmap_ensure_allocated(s, &trivial_hash_ops);
        if (r < 0)
                return r;
        return hashmap_put(*s, p, p);
}
