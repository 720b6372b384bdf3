// One number in [0, 1] per feedback item, so thumbs and ratings average together: thumb up 1,
// down 0; a rating of 1..5 as (rating - 1) / 4. Feedback with neither (a comment only) has no score.

export function feedbackScore(thumb: string | null, rating: number | null): number | null {
  if (rating !== null && Number.isFinite(Number(rating))) return Math.min(1, Math.max(0, (Number(rating) - 1) / 4));
  if (thumb === 'up') return 1;
  if (thumb === 'down') return 0;
  return null;
}
