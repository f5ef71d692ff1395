#ifndef EDGESIM_CBROTLI_SHIM_H
#define EDGESIM_CBROTLI_SHIM_H

// The system libbrotli (Debian: libbrotli-dev; Homebrew: brotli): the encoder makes
// the edge's `Content-Encoding: br` copies, the decoder reads br bodies back.
#include <brotli/decode.h>
#include <brotli/encode.h>

#endif
