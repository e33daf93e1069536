// How a design's components reach each other. Each is built from the run's shared parts alone
// (the engine, the event log, the random streams, the cluster, the API traffic), then runDesign
// connects it to the others in one step (connect.ts): until then its links are `unconnected`.

/** unconnected stands for a component's links until they are connected: any use says which component was used too early. */
export function unconnected<T extends object>(component: string): T {
  return new Proxy({} as T, {
    get: (_target, key) => {
      throw new Error(`${component} was used before it was connected (its ${String(key)})`);
    },
  });
}
