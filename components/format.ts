const won = new Intl.NumberFormat('ko-KR');

/** 150000 → "150,000원" (ko-KR grouping, sign kept). */
export function formatWon(amount: number): string {
  return `${won.format(amount)}원`;
}
