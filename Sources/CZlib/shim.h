// The system zlib for TouchpointIngest's GzipSource. inflateInit2 is a macro (it passes ZLIB_VERSION and
// sizeof(z_stream) for the library to check), which Swift cannot call; this inline function can.
#include <zlib.h>

static inline int CZlib_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
