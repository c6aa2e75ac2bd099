/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* main.c: stemd's entry point. */
#include "log.h"

int main(int argc, char *argv[]) {
        log_set_prefix("stemd");
        log_error("not implemented yet");
        return 1;
}
