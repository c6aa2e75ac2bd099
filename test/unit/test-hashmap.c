/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-hashmap.c: the hash table: put/replace/get/remove semantics, iteration with removal of
 * the current entry, sets, and 100k entries. */

#include "hashmap.h"

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

static void test_put_get(void **state) {
        _cleanup_(hashmap_freep) Hashmap *h = hashmap_new(&string_hash_ops);
        char k[] = "foo";       /* a different pointer with an equal string */
        static const struct { const char *key; void *value; int ret; } t[] = {
                { "foo", (void *) 1, 1 },
                { "bar", (void *) 2, 1 },
                { "foo", (void *) 1, 0 },
                { "foo", (void *) 3, -EEXIST },
                { "",    (void *) 4, 1 },
        };

        assert_non_null(h);
        for (size_t i = 0; i < ELEMENTSOF(t); i++)
                assert_int_equal(hashmap_put(h, t[i].key, t[i].value), t[i].ret);

        assert_int_equal(hashmap_size(h), 3);
        assert_ptr_equal(hashmap_get(h, k), (void *) 1);
        assert_ptr_equal(hashmap_get(h, ""), (void *) 4);
        assert_null(hashmap_get(h, "baz"));
        assert_true(hashmap_contains(h, "bar"));
        assert_false(hashmap_contains(h, "baz"));

        assert_int_equal(hashmap_replace(h, "foo", (void *) 5), 0);
        assert_ptr_equal(hashmap_get(h, "foo"), (void *) 5);
        assert_int_equal(hashmap_replace(h, "new", (void *) 6), 1);
        assert_int_equal(hashmap_size(h), 4);

        assert_ptr_equal(hashmap_remove(h, "foo"), (void *) 5);
        assert_null(hashmap_remove(h, "foo"));
        assert_int_equal(hashmap_size(h), 3);

        hashmap_clear(h);
        assert_int_equal(hashmap_size(h), 0);
        assert_null(hashmap_get(h, "bar"));
        assert_int_equal(hashmap_put(h, "bar", (void *) 7), 1);
        assert_ptr_equal(hashmap_get(h, "bar"), (void *) 7);
}

static void test_null_map(void **state) {
        size_t i = 0;
        void *v = (void *) 1;

        assert_null(hashmap_get(NULL, "x"));
        assert_false(hashmap_contains(NULL, "x"));
        assert_null(hashmap_remove(NULL, "x"));
        assert_int_equal(hashmap_size(NULL), 0);
        assert_false(hashmap_iterate(NULL, &i, &v, NULL));
        assert_null(v);
        assert_null(hashmap_first(NULL));
        assert_null(hashmap_steal_first(NULL));
        assert_null(hashmap_free(NULL));
        hashmap_clear(NULL);
}

static void test_ensure_allocated(void **state) {
        _cleanup_(hashmap_freep) Hashmap *h = NULL;
        Hashmap *old;

        assert_int_equal(hashmap_ensure_allocated(&h, &string_hash_ops), 1);
        old = h;
        assert_int_equal(hashmap_ensure_allocated(&h, &string_hash_ops), 0);
        assert_ptr_equal(h, old);
}

static void test_iterate_remove(void **state) {
        _cleanup_(hashmap_freep) Hashmap *h = hashmap_new(&trivial_hash_ops);
        unsigned seen[1000] = {};
        const void *k;
        void *v;
        size_t n = 0;

        for (uintptr_t i = 1; i <= 1000; i++)
                assert_int_equal(hashmap_put(h, (void *) i, (void *) (i * 2)), 1);

        /* removing the entry just returned neither skips nor repeats any */
        HASHMAP_FOREACH_KEY(v, k, h) {
                uintptr_t i = (uintptr_t) k;

                assert_int_equal((uintptr_t) v, i * 2);
                seen[i - 1]++;
                n++;
                if (i % 3 == 0)
                        assert_ptr_equal(hashmap_remove(h, k), v);
        }
        assert_int_equal(n, 1000);
        for (size_t i = 0; i < 1000; i++)
                assert_int_equal(seen[i], 1);
        assert_int_equal(hashmap_size(h), 1000 - 333);

        n = 0;
        HASHMAP_FOREACH(v, h)
                n++;
        assert_int_equal(n, 1000 - 333);
}

static void test_steal_first(void **state) {
        _cleanup_(hashmap_freep) Hashmap *h = hashmap_new(&trivial_hash_ops);
        size_t n = 0;
        void *v;

        for (uintptr_t i = 1; i <= 100; i++)
                assert_int_equal(hashmap_put(h, (void *) i, (void *) i), 1);
        assert_non_null(hashmap_first(h));
        while ((v = hashmap_steal_first(h))) {
                assert_false(hashmap_contains(h, v));
                n++;
                if (n == 50)            /* insertion while draining */
                        assert_int_equal(hashmap_put(h, (void *) 1000, (void *) 1000), 1);
        }
        assert_int_equal(n, 101);
        assert_int_equal(hashmap_size(h), 0);
        assert_null(hashmap_first(h));
}

static void test_many(void **state) {
        _cleanup_(hashmap_freep) Hashmap *h = hashmap_new(&string_hash_ops);
        char (*keys)[32] = calloc(100000, 32);
        size_t n = 0;
        void *v;

        assert_non_null(keys);
        for (size_t i = 0; i < 100000; i++) {
                snprintf(keys[i], 32, "unit-%zu.service", i);
                assert_int_equal(hashmap_put(h, keys[i], keys[i]), 1);
        }
        assert_int_equal(hashmap_size(h), 100000);
        for (size_t i = 0; i < 100000; i++)
                assert_ptr_equal(hashmap_get(h, keys[i]), keys[i]);

        /* churn: remove and re-add, tombstones must not grow the table without end */
        for (int round = 0; round < 5; round++)
                for (size_t i = 0; i < 100000; i += 2) {
                        assert_ptr_equal(hashmap_remove(h, keys[i]), keys[i]);
                        assert_int_equal(hashmap_put(h, keys[i], keys[i]), 1);
                }

        HASHMAP_FOREACH(v, h)
                n++;
        assert_int_equal(n, 100000);
        while (hashmap_steal_first(h))
                n--;
        assert_int_equal(n, 0);
        free(keys);
}

static void test_set(void **state) {
        _cleanup_(hashmap_freep) Set *s = NULL;
        int a, b;
        void *p;
        size_t n = 0;

        assert_int_equal(set_ensure_put(&s, &a), 1);
        assert_int_equal(set_ensure_put(&s, &a), 0);
        assert_int_equal(set_ensure_put(&s, &b), 1);
        assert_true(set_contains(s, &a));
        assert_int_equal(set_size(s), 2);
        SET_FOREACH(p, s)
                n++;
        assert_int_equal(n, 2);
        assert_ptr_equal(set_remove(s, &a), &a);
        assert_false(set_contains(s, &a));
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_put_get),
                cmocka_unit_test(test_null_map),
                cmocka_unit_test(test_ensure_allocated),
                cmocka_unit_test(test_iterate_remove),
                cmocka_unit_test(test_steal_first),
                cmocka_unit_test(test_many),
                cmocka_unit_test(test_set),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
