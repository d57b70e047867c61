/* output.h — writes output files whole: a temporary name in the same directory, then rename. */
#ifndef KB_OUTPUT_H
#define KB_OUTPUT_H

#include <stddef.h>

/*
 * Writes len bytes to DIR/REL, creating the directories on the way. The
 * file appears complete or not at all. Returns 0, or -1 after a fatal
 * diagnostic (an output that cannot be written is an environment error).
 */
int kb_output_write(const char *dir, const char *rel, const char *data, size_t len);

/*
 * Removes the temporary files a killed run may have left (.kobun-*) in dir
 * and its immediate subdirectories. Returns how many it removed.
 */
int kb_output_sweep(const char *dir);

#endif
