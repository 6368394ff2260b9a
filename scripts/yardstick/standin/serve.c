/*
 * Yardstick stand-in for a compiled program (`go build -o app`, `cargo build`) that a later stage copies into an
 * image FROM scratch, where no shell exists to run /standin/run: a static binary that, whatever its name and
 * arguments, keeps running until TERM, INT, QUIT or HUP, then exits 0 at once (as /standin/run does).
 */
#include <signal.h>
#include <unistd.h>

static void stop(int sig) {
    (void) sig;
    _exit(0);
}

int main(void) {
    signal(SIGTERM, stop);
    signal(SIGINT, stop);
    signal(SIGQUIT, stop);
    signal(SIGHUP, stop);
    for (;;) {
        pause();
    }
}
