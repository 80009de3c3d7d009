import {
	classifyGraphError,
	parseStatusSubcode,
	regainAccessMinutes,
	usagePercent,
} from '../../nodes/Instagram/transport/classify';

describe('classifyGraphError', () => {
	it.each([
		// [http, code, subcode, is_transient, expected kind]
		[400, 190, undefined, undefined, 'auth'],
		[400, 190, 463, undefined, 'auth'],
		[400, 102, undefined, undefined, 'auth'],
		[400, 10, undefined, undefined, 'permission'],
		[400, 200, undefined, undefined, 'permission'],
		[403, 10, 9053, undefined, 'permission'],
		[400, 4, 2207051, false, 'permission'],
		[400, 25, 2207050, false, 'permission'],
		[400, 4, 1349210, undefined, 'rateLimit'],
		[400, 17, undefined, undefined, 'rateLimit'],
		[400, 32, undefined, undefined, 'rateLimit'],
		[400, 613, 1996, undefined, 'rateLimit'],
		[400, 80002, undefined, undefined, 'rateLimit'],
		[400, 9, 2207042, false, 'quota'],
		[400, 9007, 2207027, false, 'notReady'],
		[400, -2, 2207020, false, 'expired'],
		[400, 24, 2207006, false, 'expired'],
		[400, -1, 2207001, true, 'transient'],
		[400, -1, 2207032, true, 'transient'],
		[400, -2, 2207003, true, 'transient'],
		[400, 24, 2207008, true, 'transient'],
		[500, 1, undefined, undefined, 'transient'],
		[500, 2, undefined, true, 'transient'],
		[400, 9004, 2207052, false, 'invalidMedia'],
		[400, 36000, 2207004, false, 'invalidMedia'],
		[400, 36001, 2207005, false, 'invalidMedia'],
		[400, 36003, 2207009, false, 'invalidMedia'],
		[400, 36004, 2207010, false, 'invalidMedia'],
		[400, 352, 2207026, false, 'invalidMedia'],
		[400, 1, 2207057, false, 'invalidMedia'],
		[400, 100, 2207028, false, 'invalidMedia'],
		[400, 100, undefined, undefined, 'invalidRequest'],
		[400, 100, 33, undefined, 'invalidRequest'],
	])('HTTP %s code %s subcode %s transient %s → %s', (http, code, subcode, isTransient, kind) => {
		const details = classifyGraphError(http, {
			code,
			error_subcode: subcode,
			is_transient: isTransient,
			fbtrace_id: 'Atrace',
		});
		expect(details.kind).toBe(kind);
		expect(details.fbtraceId).toBe('Atrace');
	});

	it.each([
		[undefined, 'transient'],
		[401, 'auth'],
		[403, 'permission'],
		[429, 'rateLimit'],
		[502, 'transient'],
		[503, 'transient'],
		[404, 'unknown'],
	])('HTTP %s without a Graph body → %s', (http, kind) => {
		expect(classifyGraphError(http, undefined).kind).toBe(kind);
	});

	it('marks an expired token', () => {
		expect(classifyGraphError(400, { code: 190, error_subcode: 463 }).tokenExpired).toBe(true);
		expect(classifyGraphError(400, { code: 190 }).tokenExpired).toBeUndefined();
	});
});

describe('parseStatusSubcode', () => {
	it.each([
		['Error: Media upload has failed with error code 2207026', 2207026],
		['Error: something with Error Code 2207082.', 2207082],
		['Finished: Media has been uploaded and it is ready to be published.', undefined],
		[undefined, undefined],
	])('%s → %s', (text, subcode) => {
		expect(parseStatusSubcode(text)).toBe(subcode);
	});
});

describe('usage headers', () => {
	const buc = JSON.stringify({
		'17841400000000001': [
			{
				type: 'instagram',
				call_count: 91,
				total_cputime: 3,
				total_time: 4,
				estimated_time_to_regain_access: 7,
			},
		],
	});
	it('reads the longest regain time in minutes', () => {
		expect(regainAccessMinutes({ 'X-Business-Use-Case-Usage': buc })).toBe(7);
		expect(regainAccessMinutes({})).toBeUndefined();
		expect(regainAccessMinutes({ 'x-business-use-case-usage': 'not json' })).toBeUndefined();
	});
	it('reports the highest usage percentage', () => {
		expect(
			usagePercent({ 'x-app-usage': '{"call_count":12,"total_cputime":3,"total_time":40}' }),
		).toBe(40);
		expect(usagePercent({ 'x-business-use-case-usage': buc })).toBe(91);
		expect(usagePercent(undefined)).toBeUndefined();
	});
});
