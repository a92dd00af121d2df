/* eslint-disable @typescript-eslint/no-require-imports -- a --require preload must be CommonJS */
// Loaded into the Next.js server process by `npm start` (NODE_OPTIONS=--require ...): stamps
// every request with the TCP peer address, overwriting any value a client sent, so the app can
// throttle and audit by client address without trusting X-Forwarded-For (lib/auth/client-address.ts).
// Next.js's own server does not pass the socket to route handlers, hence this hook.
const http = require("node:http");

const HEADER = "x-tracelight-client-address";
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, ...rest) {
  if (event === "request" && req && req.headers) {
    req.headers[HEADER] = (req.socket && req.socket.remoteAddress) || "unknown";
  }
  return emit.call(this, event, req, ...rest);
};
