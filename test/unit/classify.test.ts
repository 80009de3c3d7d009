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

describe('classifyGraphError: every code in its set', () => {
	it.each([
		...[102, 190].map((code) => [code, 'auth']),
		...[4, 17, 32, 341, 613, 80001, 80002].map((code) => [code, 'rateLimit']),
		...[1, 2].map((code) => [code, 'transient']),
		...[352, 9004, 36000, 36001, 36003, 36004].map((code) => [code, 'invalidMedia']),
		...[10, 200, 250, 299, 368].map((code) => [code, 'permission']),
		[9007, 'notReady'],
		[100, 'invalidRequest'],
	])('code %s alone (HTTP 400) → %s', (code, kind) => {
		expect(classifyGraphError(400, { code: Number(code) }).kind).toBe(kind);
	});

	it.each([
		...[2207001, 2207003, 2207008, 2207032].map((subcode) => [subcode, 'transient']),
		...[2207006, 2207020, 2207053].map((subcode) => [subcode, 'expired']),
		...[2207050, 2207051, 2207081].map((subcode) => [subcode, 'permission']),
		[2207027, 'notReady'],
		[2207000, 'invalidMedia'],
		[2207999, 'invalidMedia'],
		[2206999, 'unknown'],
		[2208000, 'unknown'],
	])('subcode %s with an unlisted code (HTTP 400) → %s', (subcode, kind) => {
		expect(classifyGraphError(400, { code: 12345, error_subcode: Number(subcode) }).kind).toBe(
			kind,
		);
	});
});

describe('classifyGraphError: precedence', () => {
	it.each([
		// [rule, http, code, subcode, is_transient, expected]
		['auth outranks a restricted subcode', 400, 190, 2207050, undefined, 'auth'],
		['auth outranks HTTP 403', 403, 102, undefined, undefined, 'auth'],
		[
			'quota needs code 9 with 2207042 (code 4 → rate limit)',
			400,
			4,
			2207042,
			undefined,
			'rateLimit',
		],
		[
			'code 9 with another media subcode → invalid media',
			400,
			9,
			2207052,
			undefined,
			'invalidMedia',
		],
		['code 9 alone is no quota', 400, 9, undefined, undefined, 'unknown'],
		['quota outranks the media subcode range', 400, 9, 2207042, true, 'quota'],
		['9007 is "not ready" with any subcode', 400, 9007, 33, undefined, 'notReady'],
		['2207027 is "not ready" with any code', 500, 1, 2207027, true, 'notReady'],
		['"not ready" outranks a restricted subcode check', 400, 9007, 2207050, undefined, 'notReady'],
		['a restricted subcode outranks a rate-limit code', 400, 613, 2207081, undefined, 'permission'],
		['a rate-limit code outranks an expired subcode', 400, 4, 2207006, undefined, 'rateLimit'],
		['a rate-limit code outranks a transient subcode', 400, 17, 2207001, undefined, 'rateLimit'],
		['an expired subcode outranks an invalid-media code', 400, 9004, 2207053, undefined, 'expired'],
		['a transient subcode outranks an invalid-media code', 400, 352, 2207003, false, 'transient'],
		['a media subcode outranks is_transient', 400, 100, 2207057, true, 'invalidMedia'],
		['an invalid-media code outranks is_transient', 500, 36000, undefined, true, 'invalidMedia'],
		[
			'a media subcode outranks a generic transient code',
			500,
			2,
			2207057,
			undefined,
			'invalidMedia',
		],
		['is_transient outranks permission codes', 400, 10, undefined, true, 'transient'],
		['is_transient outranks code 100', 400, 100, undefined, true, 'transient'],
		['is_transient false is not transient', 400, 100, undefined, false, 'invalidRequest'],
		['HTTP 403 outranks code 100', 403, 100, undefined, undefined, 'permission'],
		['HTTP 403 with an unlisted code → permission', 403, 12345, undefined, undefined, 'permission'],
		['code 199 is no permission code', 400, 199, undefined, undefined, 'unknown'],
		['code 300 is no permission code', 400, 300, undefined, undefined, 'unknown'],
		[
			'an unlisted code falls back to the status (500)',
			500,
			12345,
			undefined,
			undefined,
			'transient',
		],
		['an unlisted code falls back to the status (401)', 401, 12345, undefined, undefined, 'auth'],
		[
			'an unlisted code falls back to the status (429)',
			429,
			12345,
			undefined,
			undefined,
			'rateLimit',
		],
		[
			'an unlisted code without a status → transient',
			undefined,
			12345,
			undefined,
			undefined,
			'transient',
		],
		[
			'a subcode without a code → the status decides',
			400,
			undefined,
			2207042,
			undefined,
			'unknown',
		],
		[
			'is_transient without a code → the status decides',
			400,
			undefined,
			undefined,
			true,
			'unknown',
		],
	])('%s', (_rule, http, code, subcode, isTransient, kind) => {
		expect(
			classifyGraphError(http, { code, error_subcode: subcode, is_transient: isTransient }).kind,
		).toBe(kind);
	});

	it.each([
		[499, 'unknown'],
		[500, 'transient'],
		[599, 'transient'],
		[400, 'unknown'],
		[200, 'unknown'],
	])('HTTP %s without a code → %s', (http, kind) => {
		expect(classifyGraphError(http, {}).kind).toBe(kind);
	});
});

describe('classifyGraphError: details', () => {
	it('copies every field Meta sends', () => {
		expect(
			classifyGraphError(400, {
				message: 'Invalid parameter',
				type: 'OAuthException',
				code: 100,
				error_subcode: 33,
				is_transient: false,
				error_user_title: 'Title',
				error_user_msg: 'User message',
				fbtrace_id: 'Atrace',
			}),
		).toStrictEqual({
			kind: 'invalidRequest',
			httpStatus: 400,
			code: 100,
			subcode: 33,
			fbtraceId: 'Atrace',
			isTransient: false,
			metaMessage: 'Invalid parameter',
			userTitle: 'Title',
			userMessage: 'User message',
		});
	});

	it('leaves out what is unknown', () => {
		expect(classifyGraphError(undefined, undefined)).toStrictEqual({ kind: 'transient' });
		expect(Object.keys(classifyGraphError(502, {}))).toEqual(['kind', 'httpStatus']);
	});

	it.each([
		[190, 463, true],
		[190, 460, undefined],
		[102, 463, undefined],
		[190, undefined, undefined],
	])('code %s subcode %s → tokenExpired %s', (code, subcode, expired) => {
		expect(classifyGraphError(400, { code, error_subcode: subcode }).tokenExpired).toBe(expired);
	});
});

describe('parseStatusSubcode: more texts', () => {
	it.each([
		['error code 7', 7],
		['ERROR CODE 2207001: done', 2207001],
		['failed with error code 2207026 and error code 5', 2207026],
		['error code: 2207026', undefined],
		['errorcode 2207026', undefined],
		['error code abc', undefined],
		['', undefined],
	])('%j → %s', (text, subcode) => {
		expect(parseStatusSubcode(text)).toBe(subcode);
	});
});

describe('regainAccessMinutes: more headers', () => {
	const header = (usage: unknown) => ({ 'x-business-use-case-usage': JSON.stringify(usage) });
	it.each([
		[
			'the longest wait over every account and entry',
			header({
				a: [{ estimated_time_to_regain_access: 3 }, { estimated_time_to_regain_access: 12 }],
				b: [{ estimated_time_to_regain_access: 5 }],
			}),
			12,
		],
		[
			'an entry without a wait counts as 0',
			header({ a: [{ call_count: 99 }, { estimated_time_to_regain_access: 4 }] }),
			4,
		],
		['entries without any wait → 0', header({ a: [{ call_count: 99 }] }), 0],
		['no entries → nothing', header({}), undefined],
		['an empty header → nothing', { 'x-business-use-case-usage': '' }, undefined],
		['only the app usage header → nothing', { 'x-app-usage': '{"call_count":99}' }, undefined],
		[
			'a header that is not text → nothing',
			{
				'x-business-use-case-usage': [
					JSON.stringify({ a: [{ estimated_time_to_regain_access: 7 }] }),
				],
			},
			undefined,
		],
		['no headers → nothing', undefined, undefined],
	])('%s', (_label, headers, minutes) => {
		expect(regainAccessMinutes(headers)).toBe(minutes);
	});
});

describe('usagePercent: more headers', () => {
	it.each([
		[
			'call_count is the highest',
			{ 'x-app-usage': '{"call_count":95,"total_cputime":3,"total_time":4}' },
			95,
		],
		[
			'total_cputime is the highest',
			{ 'x-app-usage': '{"call_count":5,"total_cputime":63,"total_time":4}' },
			63,
		],
		[
			'total_time is the highest',
			{ 'X-App-Usage': '{"call_count":5,"total_cputime":3,"total_time":74}' },
			74,
		],
		['spaces after the colon', { 'x-app-usage': '{"call_count": 12, "total_time":  8}' }, 12],
		[
			'both headers: the highest of all',
			{
				'x-app-usage': '{"call_count":30}',
				'x-business-use-case-usage': '{"1":[{"call_count":10,"total_time":45}]}',
			},
			45,
		],
		[
			'the app header may be the higher one',
			{
				'x-app-usage': '{"call_count":70}',
				'x-business-use-case-usage': '{"1":[{"call_count":10}]}',
			},
			70,
		],
		['all zero → 0', { 'x-app-usage': '{"call_count":0,"total_cputime":0,"total_time":0}' }, 0],
		['no usage fields → nothing', { 'x-app-usage': '{"other":50}' }, undefined],
		['an unrelated header → nothing', { 'x-ad-account-usage': '{"call_count":50}' }, undefined],
		['a header that is not text → nothing', { 'x-app-usage': ['{"call_count":50}'] }, undefined],
		['no headers at all → nothing', {}, undefined],
	])('%s', (_label, headers, percent) => {
		expect(usagePercent(headers)).toBe(percent);
	});
});
