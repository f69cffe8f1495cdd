"""numpy's busday_count on the benchmark's pairs, outside the database.

    busday.py PAIRS HOLIDAYS MODE LABEL

PAIRS is `COPY (SELECT s, f FROM bench.pairs) TO STDOUT (FORMAT binary)`,
HOLIDAYS one date a line.  MODE is serial (this process) or parallel (the
pairs split in two halves over a pool of 2 forked processes, made before
the clock starts).  Prints, like psql's \\timing does:

    @@ LABEL
    <sum of working days over the pairs>
    Time: <ms> ms

Only the computation is timed: reading the file, converting to
datetime64 and building the busdaycalendar are not.
"""
import multiprocessing
import sys
import time

import numpy as np

# PostgreSQL's binary COPY: 11-byte signature, flags, header extension
# length; then per row a field count and (length, value) per field; dates
# are big-endian days since 2000-01-01.
SIGNATURE = b"PGCOPY\n\xff\r\n\0"
ROW = np.dtype([("nfields", ">i2"), ("len_s", ">i4"), ("s", ">i4"),
                ("len_f", ">i4"), ("f", ">i4")])
PG_EPOCH = np.datetime64("2000-01-01", "D")


def read_pairs(path):
    with open(path, "rb") as fh:
        buf = fh.read()
    if buf[:11] != SIGNATURE or int.from_bytes(buf[15:19], "big") != 0:
        sys.exit(f"{path}: not a binary COPY file without header extension")
    nrows = (len(buf) - 19 - 2) // ROW.itemsize
    rows = np.frombuffer(buf, dtype=ROW, count=nrows, offset=19)
    if buf[19 + nrows * ROW.itemsize:] != b"\xff\xff" or \
            (rows["nfields"] != 2).any() or (rows["len_s"] != 4).any() or \
            (rows["len_f"] != 4).any():
        sys.exit(f"{path}: expected rows of two non-null dates")
    s = PG_EPOCH + rows["s"].astype(np.int64)
    f = PG_EPOCH + rows["f"].astype(np.int64)
    return s, f


NUMPY_VERSION = tuple(int(x) for x in np.__version__.split(".")[:2])


def working_days(s, f, cal):
    """Sum over the pairs of the working days d with s < d <= f (negative
    when f < s), socialcare.working_days's definition."""
    one = np.timedelta64(1, "D")
    if NUMPY_VERSION < (1, 25):
        # busday_count(a, b) counts [a, b); for a > b it is -count([b, a)),
        # so shifting both ends by a day gives (s, f] and -(f, s].
        return int(np.busday_count(s + one, f + one, busdaycal=cal).sum())
    # numpy >= 1.25 (gh-23197): busday_count(a, b) for a > b is
    # -count((b, a]): reversed pairs must not be shifted.
    shift = (s <= f).astype(np.int64).astype("m8[D]")
    return int(np.busday_count(s + shift, f + shift, busdaycal=cal).sum())


# Set before the pool forks, so the workers share them.
S = F = CAL = None


def half(i):
    n = len(S) // 2
    part = slice(0, n) if i == 0 else slice(n, None)
    return working_days(S[part], F[part], CAL)


def main():
    global S, F, CAL
    pairs, holidays, mode, label = sys.argv[1:5]
    S, F = read_pairs(pairs)
    with open(holidays) as fh:
        days = np.array([line.strip() for line in fh if line.strip()], dtype="M8[D]")
    CAL = np.busdaycalendar(weekmask="1111100", holidays=days)
    if mode == "serial":
        t0 = time.perf_counter()
        total = working_days(S, F, CAL)
        elapsed = time.perf_counter() - t0
    elif mode == "parallel":
        with multiprocessing.get_context("fork").Pool(2) as pool:
            pool.map(int, [0, 0])          # both workers up before timing
            t0 = time.perf_counter()
            total = sum(pool.map(half, [0, 1], chunksize=1))
            elapsed = time.perf_counter() - t0
    else:
        sys.exit(f"unknown mode {mode}")
    print(f"@@ {label}\n{total}\nTime: {elapsed * 1000:.3f} ms", flush=True)


if __name__ == "__main__":
    main()
