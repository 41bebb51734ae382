/**
 * Judgements as the fit needs them. Bradley–Terry depends on the data only
 * through each script's wins and each pair's number of comparisons, so the
 * solver works on unique pairs (the edges of the comparison graph), not on
 * judgements: a session where pairs repeat costs no more than one where they
 * do not.
 */
export interface ComparisonGraph {
  scriptCount: number;
  /** Judgements each script took part in. */
  comparisons: Float64Array;
  wins: Float64Array;
  pairCount: number;
  /** Each pair once, with pairA[e] < pairB[e]. */
  pairA: Int32Array;
  pairB: Int32Array;
  /** Pairs are grouped by pairA: script a's are pairStart[a] up to pairStart[a + 1]. */
  pairStart: Int32Array;
  /** Judgements of the pair, and how many of them pairA won. */
  pairTotal: Int32Array;
  pairWinsA: Int32Array;
  /** Connected component of each script; θ is only comparable within one. */
  component: Int32Array;
  componentCount: number;
}

/**
 * Builds the graph in linear time: judgements are bucketed by their lower
 * script (a counting sort), then each bucket is deduplicated with a marker
 * array, so no hashing and no sorting of keys.
 */
export function buildComparisonGraph(scriptCount: number, winner: Int32Array, loser: Int32Array): ComparisonGraph {
  const judgementCount = winner.length;
  const comparisons = new Float64Array(scriptCount);
  const wins = new Float64Array(scriptCount);
  const rowStart = new Int32Array(scriptCount + 1);
  for (let j = 0; j < judgementCount; j++) {
    const w = winner[j];
    const l = loser[j];
    if (w === l) throw new RangeError(`Judgement ${j} compares script ${w} with itself`);
    comparisons[w]++;
    comparisons[l]++;
    wins[w]++;
    rowStart[(w < l ? w : l) + 1]++;
  }
  for (let i = 0; i < scriptCount; i++) rowStart[i + 1] += rowStart[i];

  // Bucketed by lower script: the higher script, and whether the lower one won.
  const fill = rowStart.slice(0, scriptCount);
  const higher = new Int32Array(judgementCount);
  const lowerWon = new Int32Array(judgementCount);
  for (let j = 0; j < judgementCount; j++) {
    const w = winner[j];
    const l = loser[j];
    const position = fill[w < l ? w : l]++;
    higher[position] = w < l ? l : w;
    lowerWon[position] = w < l ? 1 : 0;
  }

  // Deduplicated in place: pair k goes to index k, which is never past the position being read, so
  // nothing still to be read is overwritten, and the buckets become pairB and pairWinsA without
  // allocating two more judgement-sized arrays.
  const pairA = new Int32Array(judgementCount);
  const pairB = higher;
  const pairWinsA = lowerWon;
  const pairTotal = new Int32Array(judgementCount);
  const pairStart = new Int32Array(scriptCount + 1);
  const seenInRow = new Int32Array(scriptCount).fill(-1);
  const slotOf = new Int32Array(scriptCount);
  let pairCount = 0;
  for (let a = 0; a < scriptCount; a++) {
    pairStart[a] = pairCount;
    for (let position = rowStart[a]; position < rowStart[a + 1]; position++) {
      const b = higher[position];
      const won = lowerWon[position];
      if (seenInRow[b] !== a) {
        seenInRow[b] = a;
        slotOf[b] = pairCount;
        pairA[pairCount] = a;
        pairB[pairCount] = b;
        pairWinsA[pairCount] = 0;
        pairCount++;
      }
      const slot = slotOf[b];
      pairTotal[slot]++;
      pairWinsA[slot] += won;
    }
  }
  pairStart[scriptCount] = pairCount;

  const { component, componentCount } = connectedComponents(scriptCount, pairA, pairB, pairCount);
  return {
    scriptCount,
    comparisons,
    wins,
    pairCount,
    pairA: pairA.subarray(0, pairCount),
    pairB: pairB.subarray(0, pairCount),
    pairStart,
    pairTotal: pairTotal.subarray(0, pairCount),
    pairWinsA: pairWinsA.subarray(0, pairCount),
    component,
    componentCount,
  };
}

/** Union–find with path halving; components numbered in order of their lowest script. */
function connectedComponents(
  scriptCount: number,
  pairA: Int32Array,
  pairB: Int32Array,
  pairCount: number,
): { component: Int32Array; componentCount: number } {
  const parent = new Int32Array(scriptCount);
  for (let i = 0; i < scriptCount; i++) parent[i] = i;
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (let e = 0; e < pairCount; e++) {
    const ra = root(pairA[e]);
    const rb = root(pairB[e]);
    if (ra !== rb) parent[ra < rb ? rb : ra] = ra < rb ? ra : rb;
  }
  const component = new Int32Array(scriptCount);
  const numberOfRoot = new Int32Array(scriptCount).fill(-1);
  let componentCount = 0;
  for (let i = 0; i < scriptCount; i++) {
    const r = root(i);
    if (numberOfRoot[r] < 0) numberOfRoot[r] = componentCount++;
    component[i] = numberOfRoot[r];
  }
  return { component, componentCount };
}
