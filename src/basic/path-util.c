/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* path-util.c: paths as strings (joining, simplifying, comparing, prefixes) and the few file
 * operations src/load and src/core share: bounded whole-file reads, (atomic) writes, mkdir -p
 * and rm -rf. Nothing follows symlinks out of a tree it removes. */

#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>

#include "path-util.h"

char *path_join_many(const char *first, ...) {
        va_list ap;
        size_t sz = 1;
        char *r, *t;

        va_start(ap, first);
        for (const char *p = first; p; p = va_arg(ap, const char *))
                sz += strlen(p) + 1;
        va_end(ap);

        r = new(char, sz);
        if (!r)
                return NULL;

        t = r;
        *t = 0;
        va_start(ap, first);
        for (const char *p = first; p; p = va_arg(ap, const char *)) {
                if (*p == 0)
                        continue;
                if (t > r) {
                        bool slash_end = t[-1] == '/', slash_start = p[0] == '/';

                        if (slash_end && slash_start)
                                p++;
                        else if (!slash_end && !slash_start)
                                *(t++) = '/';
                }
                t = stpcpy(t, p);
        }
        va_end(ap);
        return r;
}

char *path_simplify(char *p) {
        char *f, *t;
        bool absolute;

        if (isempty(p))
                return p;

        absolute = p[0] == '/';
        f = p;
        t = p;
        if (absolute) {
                *(t++) = '/';
                f++;
        }

        /* copy component by component, dropping empty and "." ones */
        while (*f) {
                size_t n;

                f += strspn(f, "/");
                if (!*f)
                        break;
                n = strcspn(f, "/");
                if (n == 1 && f[0] == '.') {
                        f += n;
                        continue;
                }
                if (t > p && t[-1] != '/')
                        *(t++) = '/';
                memmove(t, f, n);
                t += n;
                f += n;
        }

        if (t == p)
                *(t++) = '.';   /* "./" → "." */
        *t = 0;
        return p;
}

bool path_is_normalized(const char *p) {
        if (isempty(p))
                return false;
        if (streq(p, ".") || startswith(p, "./") || endswith(p, "/.") || strstr(p, "/./"))
                return false;
        if (streq(p, "..") || startswith(p, "../") || endswith(p, "/..") || strstr(p, "/../"))
                return false;
        if (strstr(p, "//"))
                return false;
        return true;
}

const char *path_startswith(const char *path, const char *prefix) {
        assert(path);
        assert(prefix);

        if ((path[0] == '/') != (prefix[0] == '/'))
                return NULL;

        for (;;) {
                size_t a, b;

                path += strspn(path, "/");
                prefix += strspn(prefix, "/");
                if (!*prefix)
                        return path;
                if (!*path)
                        return NULL;

                a = strcspn(path, "/");
                b = strcspn(prefix, "/");
                if (a != b || memcmp(path, prefix, a) != 0)
                        return NULL;
                path += a;
                prefix += b;
        }
}

const char *basename_ptr(const char *p) {
        const char *s;

        assert(p);

        s = strrchr(p, '/');
        return s ? s + 1 : p;
}

int path_dirname(const char *p, char **ret) {
        size_t n;
        char *d;

        assert(p);
        assert(ret);

        if (isempty(p))
                return -EINVAL;

        n = strlen(p);
        while (n > 1 && p[n - 1] == '/')        /* "/a/b/" is "/a/b" */
                n--;
        while (n > 0 && p[n - 1] != '/')
                n--;
        if (n == 0)
                d = strdup(".");
        else {
                while (n > 1 && p[n - 1] == '/')
                        n--;
                d = strndup(p, n);
        }
        if (!d)
                return -ENOMEM;
        *ret = d;
        return 0;
}

bool path_equal(const char *a, const char *b) {
        assert(a);
        assert(b);

        if ((a[0] == '/') != (b[0] == '/'))
                return false;

        for (;;) {
                size_t x, y;

                a += strspn(a, "/");
                b += strspn(b, "/");
                if (!*a || !*b)
                        return !*a && !*b;
                x = strcspn(a, "/");
                y = strcspn(b, "/");
                if (x != y || memcmp(a, b, x) != 0)
                        return false;
                a += x;
                b += y;
        }
}

int read_full_file(const char *path, size_t max_size, char **ret, size_t *ret_size) {
        _cleanup_(closep) int fd = -1;
        _cleanup_(freep) char *buf = NULL;
        size_t n = 0, allocated = 0;
        struct stat st;

        assert(path);
        assert(ret);

        if (max_size == 0)
                max_size = SIZE_MAX / 4;        /* no limit of the caller's; keeps "+ 2" below sane */

        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0)
                return -errno;
        if (fstat(fd, &st) < 0)
                return -errno;
        if (S_ISDIR(st.st_mode))
                return -EISDIR;
        if (S_ISREG(st.st_mode) && (uint64_t) st.st_size > max_size)
                return -EFBIG;

        for (;;) {
                ssize_t k;

                if (n + 1 >= allocated) {
                        size_t a = allocated == 0 ? (S_ISREG(st.st_mode) ? (size_t) st.st_size + 1 : 4096)
                                                  : allocated * 2;
                        char *t;

                        a = MAX(a, (size_t) 64);
                        a = MIN(a, max_size + 2);       /* one byte over the limit tells us */
                        if (a <= n + 1)
                                return -EFBIG;
                        t = realloc(buf, a);
                        if (!t)
                                return -ENOMEM;
                        buf = t;
                        allocated = a;
                }

                k = read(fd, buf + n, allocated - n - 1);
                if (k < 0) {
                        if (errno == EINTR)
                                continue;
                        return -errno;
                }
                if (k == 0)
                        break;
                n += (size_t) k;
                if (n > max_size)
                        return -EFBIG;
        }

        buf[n] = 0;
        if (ret_size)
                *ret_size = n;
        *ret = TAKE_PTR(buf);
        return 0;
}

static int write_all(int fd, const char *s, size_t n) {
        while (n > 0) {
                ssize_t k = write(fd, s, n);

                if (k < 0) {
                        if (errno == EINTR)
                                continue;
                        return -errno;
                }
                s += k;
                n -= (size_t) k;
        }
        return 0;
}

int write_string_file(const char *path, const char *s, bool atomic) {
        _cleanup_(closep) int fd = -1;
        _cleanup_(freep) char *tmp = NULL;
        int r;

        assert(path);
        assert(s);

        if (!atomic) {
                fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0644);
                if (fd < 0)
                        return -errno;
                return write_all(fd, s, strlen(s));
        }

        /* write beside the target, then rename over it: readers see old or new, never half */
        if (asprintf(&tmp, "%s.#tmpXXXXXX", path) < 0)
                return -ENOMEM;
        fd = mkostemp(tmp, O_CLOEXEC);
        if (fd < 0)
                return -errno;
        r = write_all(fd, s, strlen(s));
        if (r >= 0 && fchmod(fd, 0644) < 0)
                r = -errno;
        if (r >= 0 && fsync(fd) < 0)
                r = -errno;
        if (r >= 0 && rename(tmp, path) < 0)
                r = -errno;
        if (r < 0)
                (void) unlink(tmp);
        return r;
}

int mkdir_p(const char *path, mode_t mode) {
        _cleanup_(freep) char *p = NULL;
        struct stat st;

        assert(path);

        p = strdup(path);
        if (!p)
                return -ENOMEM;

        /* create each prefix in turn; existing directories are fine */
        for (char *s = p + strspn(p, "/");; ) {
                bool last;

                s += strcspn(s, "/");
                last = *s == 0 || s[strspn(s, "/")] == 0;
                *s = 0;
                if (mkdir(p, mode) < 0) {
                        if (errno != EEXIST)
                                return -errno;
                        if (stat(p, &st) < 0)
                                return -errno;
                        if (!S_ISDIR(st.st_mode))
                                return -ENOTDIR;
                }
                if (last)
                        return 0;
                *s = '/';
                s += strspn(s, "/");
        }
}

static int rm_rf_at(int dfd, const char *name) {
        _cleanup_(closep) int fd = -1;
        DIR *d;
        struct dirent *de;
        int r = 0;

        if (unlinkat(dfd, name, 0) >= 0)
                return 0;
        if (errno == ENOENT)
                return 0;
        if (errno != EISDIR && errno != EPERM)
                return -errno;

        fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        d = fdopendir(fd);
        if (!d)
                return -errno;
        fd = -1;        /* owned by d now */

        while ((de = readdir(d))) {
                int k;

                if (streq(de->d_name, ".") || streq(de->d_name, ".."))
                        continue;
                k = rm_rf_at(dirfd(d), de->d_name);
                if (k < 0 && r == 0)
                        r = k;
        }
        closedir(d);

        if (unlinkat(dfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT && r == 0)
                r = -errno;
        return r;
}

int rm_rf(const char *path) {
        assert(path);

        if (isempty(path) || streq(path, "/"))
                return -EPERM;          /* never the root, whatever a caller computed */
        return rm_rf_at(AT_FDCWD, path);
}
