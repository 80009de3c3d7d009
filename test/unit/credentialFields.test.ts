import { apiVersionProblem, baseUrlPathProblem } from '../../nodes/Instagram/transport/baseUrl';

describe('baseUrlPathProblem: a Base URL cannot reshape the Graph paths appended to it', () => {
	it.each([
		'',
		'http://127.0.0.1:4567',
		'http://127.0.0.1:4567/',
		'https://proxy.example.com/graph',
		'https://graph.facebook.com/v25.0',
	])('accepts %j', (url) => expect(baseUrlPathProblem(url)).toBeUndefined());

	it.each([
		['https://graph.example.com/v25.0/17841400000000002/media?', /query/],
		['https://graph.example.com/#', /fragment/],
		['https://graph.example.com/x?access_token=', /query/],
		['https://graph.example.com/%2e%2e/me', /escapes/],
		['https://graph.example.com/a/../b', /segments/],
		['https://graph.example.com/a/.', /segments/],
		['https://graph.example.com\\evil', /backslashes/],
		['https://graph.example.com/a b', /spaces/],
	])('refuses %j', (url, problem) => expect(baseUrlPathProblem(url)).toMatch(problem));
});

describe('apiVersionProblem: only versions Meta serves', () => {
	it.each(['', 'v25.0', 'v26.1', '/v25.0/', undefined])('accepts %j', (version) =>
		expect(apiVersionProblem(version)).toBeUndefined(),
	);
	it.each(['v25', 'latest', '25.0', 'v25.0.1', 'v25.0/me', 'V25.0'])('refuses %j', (version) =>
		expect(apiVersionProblem(version)).toMatch(/such as v25\.0/),
	);
});
