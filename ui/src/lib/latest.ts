// Screens reload when a write changed their records and when the year changes, sometimes both
// at once; answers can arrive out of order. `latest()` makes a loader that applies only the
// answer to the newest request.
export function latest() {
  let ticket = 0;
  return <T>(request: Promise<T>, apply: (value: T) => void, fail?: (e: unknown) => void) => {
    const mine = ++ticket;
    request.then(
      (v) => {
        if (mine === ticket) apply(v);
      },
      (e) => {
        if (mine === ticket) fail?.(e);
      },
    );
  };
}
