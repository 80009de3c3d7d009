import { InvalidParameterError, parseJsonParameter } from './validate';
import type { ParameterRef } from './validate';

export interface UserTag {
	username: string;
	x?: number;
	y?: number;
}

const USERNAME = /^[A-Za-z0-9._]{1,30}$/;
export const MAX_USER_TAGS = 20;
/** Meta's create docs say 3 and its collaborators page says 5; we allow 5 and let Meta decide. */
export const MAX_COLLABORATORS = 5;

function checkUsername(raw: unknown, parameter: ParameterRef): string {
	// A leading @ makes Meta reject the tag (subcode 2207018), so it is dropped here.
	const username = String(raw ?? '')
		.trim()
		.replace(/^@/, '');
	if (!USERNAME.test(username)) {
		throw new InvalidParameterError(
			parameter,
			`contains an invalid Instagram username: "${username.slice(0, 40)}"`,
		);
	}
	return username;
}

/** Whether a media type needs tag positions (feed images), may have them (stories) or takes none (video). */
export type TagPositions = 'required' | 'optional' | 'omit';

/** Pure: user tags from the UI list or JSON; positions are 0–1 from the top left. */
export function parseUserTags(
	value: unknown,
	parameter: ParameterRef,
	positions: TagPositions,
): UserTag[] | undefined {
	const list =
		typeof value === 'string' && value.trim()
			? parseJsonParameter(value, parameter, 'e.g. [{"username":"jdoe","x":0.5,"y":0.8}]')
			: value || undefined;
	if (list === undefined || list === null || (Array.isArray(list) && list.length === 0))
		return undefined;
	if (!Array.isArray(list))
		throw new InvalidParameterError(parameter, 'must be a list of { username, x, y }');
	if (list.length > MAX_USER_TAGS)
		throw new InvalidParameterError(
			parameter,
			`has ${list.length} tags; Instagram allows ${MAX_USER_TAGS}`,
		);
	return list.map((entry) => {
		const tag = (typeof entry === 'string' ? { username: entry } : entry) as Record<
			string,
			unknown
		>;
		const username = checkUsername(tag.username, parameter);
		const hasPosition = tag.x !== undefined && tag.x !== '' && tag.y !== undefined && tag.y !== '';
		if (!hasPosition || positions === 'omit') {
			if (positions === 'required')
				throw new InvalidParameterError(
					parameter,
					`needs x and y (0–1) for @${username} on an image`,
				);
			return { username };
		}
		const [x, y] = [Number(tag.x), Number(tag.y)];
		if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
			throw new InvalidParameterError(parameter, `has a position outside 0–1 for @${username}`);
		}
		return { username, x, y };
	});
}

/** Pure: collaborator usernames from a comma-separated text or a list. */
export function parseCollaborators(value: unknown, parameter: ParameterRef): string[] | undefined {
	const list = Array.isArray(value) ? value : String(value ?? '').split(/[\s,]+/);
	const names = list.map((name) => String(name).trim()).filter(Boolean);
	if (names.length === 0) return undefined;
	if (names.length > MAX_COLLABORATORS) {
		throw new InvalidParameterError(
			parameter,
			`has ${names.length} usernames; Instagram allows up to ${MAX_COLLABORATORS}`,
		);
	}
	return names.map((name) => checkUsername(name, parameter));
}
