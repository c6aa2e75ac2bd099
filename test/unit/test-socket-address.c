/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-socket-address.c: listen addresses of systemd.socket(5) (ListenStream= and friends) and
 * the [Socket] section parsed from a unit file. */

#include "load-test-util.h"
#include "socket-def.h"

static void test_socket_address_parse(void **state) {
        static const struct {
                const char *in;
                int ret;
                int family;
                const char *out;        /* as Listen= shows it */
        } t[] = {
                { "/run/foo.sock",          0,             AF_UNIX,  "/run/foo.sock" },
                { "@abstract",              0,             AF_UNIX,  "@abstract" },
                { "8080",                   0,             AF_INET6, "[::]:8080" },
                { "65535",                  0,             AF_INET6, "[::]:65535" },
                { "127.0.0.1:53",           0,             AF_INET,  "127.0.0.1:53" },
                { "0.0.0.0:1",              0,             AF_INET,  "0.0.0.0:1" },
                { "[::1]:80",               0,             AF_INET6, "[::1]:80" },
                { "[fe80::1]:443",          0,             AF_INET6, "[fe80::1]:443" },
                { "",                       -EINVAL,       0,        NULL },
                { "@",                      -EINVAL,       0,        NULL },
                { "0",                      -ERANGE,       0,        NULL },
                { "65536",                  -ERANGE,       0,        NULL },
                { "99999999999999999999",   -ERANGE,       0,        NULL },
                { "127.0.0.1:0",            -ERANGE,       0,        NULL },
                { "127.0.0.1",              -EINVAL,       0,        NULL },
                { "127.0.0.1:",             -EINVAL,       0,        NULL },
                { "127.0.0.1:-1",           -EINVAL,       0,        NULL },
                { "300.0.0.1:80",           -EINVAL,       0,        NULL },
                { ":80",                    -EINVAL,       0,        NULL },
                { "[::1]80",                -EINVAL,       0,        NULL },
                { "[::1",                   -EINVAL,       0,        NULL },
                { "[]:80",                  -EINVAL,       0,        NULL },
                { "[zz::]:80",              -EINVAL,       0,        NULL },
                { "foo",                    -EINVAL,       0,        NULL },
                { "relative/path",          -EINVAL,       0,        NULL },
                { "vsock:2:1234",           -EAFNOSUPPORT, 0,        NULL },
                { "+8080",                  -EINVAL,       0,        NULL },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                SocketAddress a = { .size = 4242 };
                char *s;

                assert_int_equal(socket_address_parse(t[i].in, SOCK_STREAM, &a), t[i].ret);
                if (t[i].ret < 0) {
                        assert_int_equal(a.size, 4242);         /* untouched on failure */
                        continue;
                }
                assert_int_equal(a.sockaddr.sa.sa_family, t[i].family);
                assert_int_equal(a.type, SOCK_STREAM);
                s = socket_address_to_string(&a);
                assert_non_null(s);
                assert_string_equal(s, t[i].out);
                free(s);
        }
}

static void test_socket_address_unix(void **state) {
        char longpath[200];
        SocketAddress a;

        assert_int_equal(socket_address_parse("/a/b", SOCK_DGRAM, &a), 0);
        assert_string_equal(socket_address_get_path(&a), "/a/b");
        assert_int_equal(a.size, offsetof(struct sockaddr_un, sun_path) + 5);

        assert_int_equal(socket_address_parse("@x", SOCK_DGRAM, &a), 0);
        assert_null(socket_address_get_path(&a));
        assert_int_equal(a.size, offsetof(struct sockaddr_un, sun_path) + 2);   /* no trailing NUL */

        assert_int_equal(socket_address_parse("8080", SOCK_STREAM, &a), 0);
        assert_null(socket_address_get_path(&a));

        memset(longpath, 'a', sizeof longpath - 1);
        longpath[0] = '/';
        longpath[sizeof longpath - 1] = 0;
        assert_int_equal(socket_address_parse(longpath, SOCK_STREAM, &a), -ENAMETOOLONG);
        longpath[0] = '@';
        assert_int_equal(socket_address_parse(longpath, SOCK_STREAM, &a), -ENAMETOOLONG);
        /* the longest that fits: 107 characters and the NUL */
        longpath[0] = '/';
        longpath[107] = 0;
        assert_int_equal(socket_address_parse(longpath, SOCK_STREAM, &a), 0);
        longpath[107] = 'a';
        longpath[108] = 0;
        assert_int_equal(socket_address_parse(longpath, SOCK_STREAM, &a), -ENAMETOOLONG);
}

static void test_socket_section(void **state) {
        TestDir t;
        UnitDef *d = NULL;
        SocketSection s;

        test_dir_setup(&t);
        test_write(t.units, "a.socket",
                   "[Socket]\n"
                   "ListenStream=%t/a.sock\n"
                   "ListenDatagram=@dgram\n"
                   "ListenSequentialPacket=/run/seq\n"
                   "ListenSequentialPacket=8080\n"         /* not AF_UNIX: ignored */
                   "ListenFIFO=/run//fifo\n"
                   "ListenFIFO=relative\n"                 /* ignored */
                   "ListenStream=nonsense\n"               /* ignored */
                   "SocketMode=0600\n"
                   "DirectoryMode=0700\n"
                   "SocketMode=banana\n"                   /* ignored, 0600 stays */
                   "Service=b.service\n"
                   "FileDescriptorName=my:fd\n"            /* invalid: ignored */
                   "FileDescriptorName=myfd\n"
                   "Backlog=16\n"
                   "RemoveOnStop=yes\n"
                   "TriggerLimitIntervalSec=5s\n"
                   "ExecStartPost=-/bin/echo %n\n"
                   "ExecStopPre=/bin/true\n"
                   "ExecStopPre=\n"                        /* resets */
                   "ExecStopPost=/bin/true ; /bin/false\n");
        test_write(t.units, "b.socket",
                   "[Socket]\n"
                   "ListenStream=1234\n"
                   "ListenStream=\n"                       /* resets every Listen*= before */
                   "ListenStream=/run/b\n"
                   "Accept=yes\n");

        assert_int_equal(unit_def_load(&t.lp, "a.socket", &d), 0);
        assert_int_equal(socket_section_parse(d, &t.lp, &s), 0);
        assert_int_equal(s.n_ports, 4);
        assert_int_equal(s.ports[0].type, SOCKET_PORT_SOCKET);
        assert_string_equal(socket_port_type_string(&s.ports[0]), "Stream");
        assert_non_null(socket_address_get_path(&s.ports[0].address));
        assert_string_equal(socket_port_type_string(&s.ports[1]), "Datagram");
        assert_string_equal(socket_port_type_string(&s.ports[2]), "SequentialPacket");
        assert_string_equal(socket_port_type_string(&s.ports[3]), "FIFO");
        assert_string_equal(s.ports[3].path, "/run/fifo");
        assert_int_equal(s.socket_mode, 0600);
        assert_int_equal(s.directory_mode, 0700);
        assert_string_equal(s.service, "b.service");
        assert_string_equal(s.fdname, "myfd");
        assert_int_equal(s.backlog, 16);
        assert_true(s.remove_on_stop);
        assert_false(s.accept);
        assert_int_equal(s.trigger_limit_interval_usec, 5 * USEC_PER_SEC);
        assert_int_equal(s.trigger_limit_burst, 20);
        assert_int_equal(s.exec[SOCKET_EXEC_START_POST].n, 1);
        assert_true(s.exec[SOCKET_EXEC_START_POST].commands[0].flags & EXEC_COMMAND_IGNORE_FAILURE);
        assert_string_equal(s.exec[SOCKET_EXEC_START_POST].commands[0].argv[1], "a.socket");
        assert_int_equal(s.exec[SOCKET_EXEC_STOP_PRE].n, 0);
        assert_int_equal(s.exec[SOCKET_EXEC_STOP_POST].n, 2);
        assert_false(s.bad_setting);
        socket_section_done(&s);
        d = unit_def_free(d);

        assert_int_equal(unit_def_load(&t.lp, "b.socket", &d), 0);
        assert_int_equal(socket_section_parse(d, &t.lp, &s), 0);
        assert_int_equal(s.n_ports, 1);
        assert_true(s.accept);
        assert_int_equal(s.trigger_limit_burst, 200);   /* the Accept=yes default */
        assert_int_equal(s.socket_mode, 0666);
        assert_int_equal(s.backlog, 2147483647);
        socket_section_done(&s);
        unit_def_free(d);
        test_dir_done(&t);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_socket_address_parse),
                cmocka_unit_test(test_socket_address_unix),
                cmocka_unit_test(test_socket_section),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
