/** Survey results never show a group smaller than this (ratings, counts, scores). */
export const DEFAULT_MIN_GROUP_SIZE = 5;
/** Free-text comments are shown only for groups at least this large (a voice is easier to recognise). */
export const DEFAULT_MIN_COMMENT_GROUP_SIZE = 10;
