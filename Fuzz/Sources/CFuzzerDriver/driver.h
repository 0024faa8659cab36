// libFuzzer's entry for programs that have their own main (compiler-rt's FuzzerDriver.cpp): it reads
// the command line exactly as libFuzzer's main would and runs the fuzzer with the given callback.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
