package dev.lockstep;

import java.util.ArrayList;
import java.util.List;

/**
 * Which files are linted side by side when linting on several threads. A large file's parse tree
 * can take much of the heap and must not starve the files parsed beside it: when the heap is large
 * for it, one large file at a time is linted beside the small ones, so that its time overlaps
 * theirs; otherwise it is linted alone, after the others. Indices are into the list of files.
 */
record LintSchedule(List<Integer> small, List<Integer> beside, List<Integer> alone, boolean threaded) {
  /** Files larger than this are linted one at a time. */
  static final long LARGE_BYTES = 1 << 20;
  /**
   * A large file is linted beside the small ones only in a heap this many times its size. Parse
   * trees take up to about 400 bytes of heap per byte of SQL (a 5 MB {@code INSERT} needs 2 GiB);
   * a file that still runs out of memory beside others is linted again alone.
   */
  static final long HEAP_PER_LARGE_BYTE = 256;

  static LintSchedule plan(long[] sizes, int jobs, long heapBytes) {
    List<Integer> small = new ArrayList<>();
    List<Integer> beside = new ArrayList<>();
    List<Integer> alone = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      if (jobs <= 1 || sizes[i] <= LARGE_BYTES) small.add(i);
      else if (sizes[i] * HEAP_PER_LARGE_BYTE <= heapBytes) beside.add(i);
      else alone.add(i);
    }
    if (jobs > 1 && small.size() + beside.size() <= 1) {
      // one file to lint beside nothing: no threads
      alone.addAll(0, beside);
      beside.clear();
    }
    // whether the small and beside files run on threads, rather than one after another
    boolean threaded = jobs > 1 && (!beside.isEmpty() || small.size() > 1);
    return new LintSchedule(small, beside, alone, threaded);
  }
}
