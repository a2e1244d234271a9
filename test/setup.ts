// Every test worker wires the capabilities together as the server and the CLI do.
import '../src/capabilities.ts';
