/* The baseline for the hook latency benchmark: the cheapest possible hook, a native
 * program that reads its stdin to the end and exits 0 without answering. Whatever a
 * real hook costs above this is the hook's own cost. */
#include <unistd.h>

int main(void) {
    char buf[65536];
    while (read(0, buf, sizeof buf) > 0) {
    }
    return 0;
}
