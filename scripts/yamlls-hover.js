// Asks the real yaml-language-server (path in argv[2]) for the hover of
// a key (argv[4]) of a guide whose modeline names the schema file argv[3],
// and prints the hover's contents as JSON. Used by scripts/test-yamlls.sh.
const { spawn } = require("child_process");
const path = require("path");
const [, , server, schemaPath, key] = process.argv;
const ls = spawn(process.execPath, [server, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
let buf = Buffer.alloc(0), id = 0;
const pending = new Map();
function send(msg) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...msg }));
  ls.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  ls.stdin.write(body);
}
function request(method, params) {
  return new Promise((resolve) => { pending.set(++id, resolve); send({ id, method, params }); });
}
ls.stdout.on("data", (d) => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const sep = buf.indexOf("\r\n\r\n");
    if (sep < 0) return;
    const len = Number(/Content-Length: (\d+)/i.exec(buf.slice(0, sep).toString())[1]);
    if (buf.length < sep + 4 + len) return;
    const msg = JSON.parse(buf.slice(sep + 4, sep + 4 + len).toString());
    buf = buf.slice(sep + 4 + len);
    if (msg.id !== undefined && pending.has(msg.id) && msg.method === undefined) { pending.get(msg.id)(msg.result); pending.delete(msg.id); }
    else if (msg.method === "workspace/configuration") send({ id: msg.id, result: msg.params.items.map(() => ({ hover: true, validate: true, completion: true, schemas: {} })) });
    else if (msg.id !== undefined && msg.method) send({ id: msg.id, result: null });
  }
});
(async () => {
  const uri = "file://" + path.resolve(process.env.TMPDIR || "/tmp", "guide.yaml"); // never read: the text comes with didOpen
  await request("initialize", { processId: process.pid, rootUri: null, capabilities: { textDocument: { hover: { contentFormat: ["markdown", "plaintext"] } } } });
  send({ method: "initialized", params: {} });
  send({ method: "workspace/didChangeConfiguration", params: { settings: { yaml: { hover: true, validate: true, schemas: {} } } } });
  const text = `# yaml-language-server: $schema=file://${path.resolve(schemaPath)}\n${key}: x\n`;
  send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "yaml", version: 1, text } } });
  let res = null;
  for (let i = 0; i < 20 && !res; i++) {
    res = await request("textDocument/hover", { textDocument: { uri }, position: { line: 1, character: 1 } });
    if (!res) await new Promise((r) => setTimeout(r, 250));
  }
  console.log(JSON.stringify(res && res.contents));
  ls.kill();
  process.exit(res ? 0 : 1);
})();
setTimeout(() => { console.error("timeout"); process.exit(2); }, 20000);
