// The page codecs of Parquet files, from Debian's C libraries (libsnappy-dev, libzstd-dev,
// zlib1g-dev).
#include <snappy-c.h>
#include <zstd.h>
#include <zlib.h>
