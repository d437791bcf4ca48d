/** How good a probability forecast is: ranking (AUC), calibration (Brier), and the top decile's hit rate. */

/**
 * Area under the ROC curve: the chance that a random no-show is scored above a random attendance
 * (ties count half), by the rank-sum (Mann–Whitney) formula. Null when either class is missing.
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!]) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean squared difference between the forecast probability and the outcome (0 or 1); lower is better. */
export function brier(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = probabilities.length;
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = probabilities[i]! - (labels[i] ? 1 : 0);
    sum += d * d;
  }
  return sum / n;
}

export function mean(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! ? Number(values[i]) : 0;
  return sum / values.length;
}

/** The observed no-show rate among the tenth of appointments scored highest (at least one). */
export function topDecileRate(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = scores.length;
  if (n === 0) return null;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const k = Math.max(1, Math.ceil(n / 10));
  let hits = 0;
  for (let i = 0; i < k; i++) hits += labels[order[i]!] ? 1 : 0;
  return hits / k;
}
