/** Parsers and formatters for the values the two sites show. None of them throws. */
export * from './amount';
export * from './bizno';
export * from './date';
export * from './day';
export { editDistance, isHangulSyllable, jamoSimilarity, toJamo } from './hangul';
export { decodeEntities, stripMarkup } from './markup';
export * from './name';
export * from './phone';
export { fold, foldNoSpaces, foldSpaces } from './text';
