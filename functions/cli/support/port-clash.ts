/** The runtime's three listening ports, each named as the user sets it (variable and flag). */
export interface ServePorts {
  'PORT (--port)': number;
  'NEWSWATCH_SNS_PORT (--sns-port)': number;
  'NEWSWATCH_DYNAMODB_PORT (--dynamodb-port)': number;
}

/**
 * Two of the runtime's servers given one port: the second could never listen, and "already in use"
 * would send the user looking for another process. The message names both settings; 0 (any free
 * port) never clashes. Undefined when every port is its own.
 */
export function portClash(ports: ServePorts): string | undefined {
  const seen = new Map<number, string>();
  for (const [name, port] of Object.entries(ports)) {
    if (port === 0) continue;
    const first = seen.get(port);
    if (first) return `${first} and ${name} are both ${port}: give each server its own port`;
    seen.set(port, name);
  }
  return undefined;
}
