/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* hashmap.h: an open-addressing hash table from keys to values. It owns neither keys nor
 * values. Keys are strings (string_hash_ops) or pointers (trivial_hash_ops). Iteration order
 * is unspecified; removal during iteration is allowed for the entry just returned. */

#include "macro.h"

typedef struct HashOps {
        uint64_t (*hash)(const void *key);
        int (*compare)(const void *a, const void *b);
} HashOps;

extern const HashOps string_hash_ops;
extern const HashOps trivial_hash_ops;

typedef struct Hashmap Hashmap;
typedef Hashmap Set; /* a hashmap whose values equal its keys */

Hashmap *hashmap_new(const HashOps *ops);                 /* NULL on OOM */
Hashmap *hashmap_free(Hashmap *h);                        /* takes NULL */
DEFINE_TRIVIAL_CLEANUP_FUNC(Hashmap *, hashmap_free);
int hashmap_ensure_allocated(Hashmap **h, const HashOps *ops);
/* 1 if added, 0 if key was there with the same value, -EEXIST if with another value */
int hashmap_put(Hashmap *h, const void *key, void *value);
int hashmap_replace(Hashmap *h, const void *key, void *value); /* insert or overwrite */
void *hashmap_get(const Hashmap *h, const void *key);
bool hashmap_contains(const Hashmap *h, const void *key);
void *hashmap_remove(Hashmap *h, const void *key);        /* returns the value, or NULL */
size_t hashmap_size(const Hashmap *h);
void hashmap_clear(Hashmap *h);
/* *i starts at 0; returns false at the end */
bool hashmap_iterate(const Hashmap *h, size_t *i, void **ret_value, const void **ret_key);
void *hashmap_first(const Hashmap *h);
void *hashmap_steal_first(Hashmap *h);

#define HASHMAP_FOREACH(v, h) for (size_t _i = 0; hashmap_iterate((h), &_i, (void **) &(v), NULL);)
#define HASHMAP_FOREACH_KEY(v, k, h)                                                          \
        for (size_t _i = 0; hashmap_iterate((h), &_i, (void **) &(v), (const void **) &(k));)

/* sets of pointers */
static inline Set *set_new(void) {
        return hashmap_new(&trivial_hash_ops);
}
static inline Set *set_free(Set *s) {
        return hashmap_free(s);
}
int set_ensure_put(Set **s, void *p);                    /* 1 added, 0 already there */
static inline bool set_contains(const Set *s, const void *p) {
        return hashmap_contains(s, p);
}
static inline void *set_remove(Set *s, const void *p) {
        return hashmap_remove(s, p);
}
static inline size_t set_size(const Set *s) {
        return hashmap_size(s);
}
#define SET_FOREACH(v, s) HASHMAP_FOREACH(v, s)
