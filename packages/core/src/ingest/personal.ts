export function findPersonalColumns(headers: readonly string[]): { column: string; kind: string; evidence: string }[] {
  void headers;
  return [];
}
