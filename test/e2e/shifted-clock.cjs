// Test-only preload for real n8n (`node --require`): moves this process's clock N8N_E2E_CLOCK_OFFSET_MS
// ahead, as if the machine's clock had moved on, so a fresh `n8n execute` can run "70 days later"
// in step with the Graph sandbox's clock. Only Date changes; timers and performance.now() do not.
const offset = Number(process.env.N8N_E2E_CLOCK_OFFSET_MS || 0);
if (offset) {
	const RealDate = Date;
	function ShiftedDate(...args) {
		if (!new.target) return new RealDate(RealDate.now() + offset).toString();
		return args.length ? new RealDate(...args) : new RealDate(RealDate.now() + offset);
	}
	ShiftedDate.prototype = RealDate.prototype;
	ShiftedDate.now = () => RealDate.now() + offset;
	ShiftedDate.parse = RealDate.parse;
	ShiftedDate.UTC = RealDate.UTC;
	globalThis.Date = ShiftedDate;
}
