/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* macro.h: the small vocabulary every module uses: cleanup attributes, allocation helpers,
 * TAKE_PTR(), string equality, time units. Nothing here allocates on its own. */

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define _cleanup_(f) __attribute__((cleanup(f)))
#define _unused_ __attribute__((unused))
#define _printf_(a, b) __attribute__((format(printf, a, b)))
#define _pure_ __attribute__((pure))
#define _noreturn_ __attribute__((noreturn))
#define _likely_(x) (__builtin_expect(!!(x), 1))
#define _unlikely_(x) (__builtin_expect(!!(x), 0))

#define ELEMENTSOF(x) (sizeof(x) / sizeof((x)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define new(t, n) ((t *) malloc(sizeof(t) * (n)))
#define new0(t, n) ((t *) calloc((n) ?: 1, sizeof(t)))

#define assert_not_reached() __builtin_unreachable_abort()
static inline _noreturn_ void __builtin_unreachable_abort(void) {
        abort();
}

/* Hand over ownership: returns the pointer and clears the variable. */
#define TAKE_PTR(p)                                   \
        ({                                            \
                __typeof__(p) *_pp = &(p);            \
                __typeof__(p) _p = *_pp;              \
                *_pp = NULL;                          \
                _p;                                   \
        })
#define TAKE_FD(fd)                                   \
        ({                                            \
                int *_pfd = &(fd);                    \
                int _fd = *_pfd;                      \
                *_pfd = -1;                           \
                _fd;                                  \
        })

#define DEFINE_TRIVIAL_CLEANUP_FUNC(type, func)       \
        static inline void func##p(type *p) {         \
                if (*p)                               \
                        func(*p);                     \
        }

static inline void freep(void *p) {
        free(*(void **) p);
}
#define _cleanup_free_ _cleanup_(freep)
#define _cleanup_close_ _cleanup_(closep)
#define _cleanup_fclose_ _cleanup_(fclosep)

static inline int safe_close(int fd) {
        if (fd >= 0) {
                int saved = errno;
                (void) close(fd);
                errno = saved;
        }
        return -1;
}

static inline void closep(int *fd) {
        safe_close(*fd);
}

static inline void fclosep(FILE **f) {
        if (*f)
                fclose(*f);
}

#define streq(a, b) (strcmp((a), (b)) == 0)
#define strneq(a, b, n) (strncmp((a), (b), (n)) == 0)
#define mfree(p) ({ free(p); (__typeof__(p)) NULL; })

static inline bool streq_ptr(const char *a, const char *b) {
        if (!a || !b)
                return a == b;
        return streq(a, b);
}

static inline const char *strempty(const char *s) {
        return s ?: "";
}

static inline const char *strna(const char *s) {
        return s ?: "n/a";
}

static inline bool isempty(const char *s) {
        return !s || !s[0];
}

/* Returns a pointer into s after prefix, or NULL. */
static inline const char *startswith(const char *s, const char *prefix) {
        size_t l = strlen(prefix);
        return strncmp(s, prefix, l) == 0 ? s + l : NULL;
}

/* Returns a pointer to the start of suffix in s, or NULL. */
static inline const char *endswith(const char *s, const char *suffix) {
        size_t sl = strlen(s), xl = strlen(suffix);
        if (xl > sl)
                return NULL;
        return streq(s + sl - xl, suffix) ? s + sl - xl : NULL;
}

/* Replace *p with a copy of s (or NULL). */
static inline int free_and_strdup(char **p, const char *s) {
        char *t = NULL;

        if (s) {
                t = strdup(s);
                if (!t)
                        return -ENOMEM;
        }
        free(*p);
        *p = t;
        return 0;
}

static inline void free_and_replace_ptr(char **p, char *v) {
        free(*p);
        *p = v;
}

typedef uint64_t usec_t;
typedef uint64_t nsec_t;
#define USEC_INFINITY ((usec_t) UINT64_MAX)
#define NSEC_PER_SEC ((nsec_t) 1000000000ULL)
#define NSEC_PER_USEC ((nsec_t) 1000ULL)
#define USEC_PER_SEC ((usec_t) 1000000ULL)
#define USEC_PER_MSEC ((usec_t) 1000ULL)
#define USEC_PER_MINUTE ((usec_t) (60ULL * USEC_PER_SEC))
#define USEC_PER_HOUR ((usec_t) (60ULL * USEC_PER_MINUTE))
#define USEC_PER_DAY ((usec_t) (24ULL * USEC_PER_HOUR))
#define USEC_PER_WEEK ((usec_t) (7ULL * USEC_PER_DAY))
#define USEC_PER_MONTH ((usec_t) (2629800ULL * USEC_PER_SEC))
#define USEC_PER_YEAR ((usec_t) (31557600ULL * USEC_PER_SEC))
