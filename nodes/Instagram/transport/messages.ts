import type { Failure } from 'n8n-workflow';

import { accessAdvice } from './authErrors';
import type { GraphErrorDetails, GraphErrorKind } from './errorKinds';

interface KindText {
	message: string;
	action: string;
}

const TEXT: Record<GraphErrorKind, KindText> = {
	auth: {
		message: 'Instagram rejected the access token',
		action:
			'Reconnect the Instagram credential (or paste a fresh long-lived token). Page and System User tokens do not expire.',
	},
	permission: {
		message: 'Instagram refused the request for this account',
		action:
			'Check that the account is a Business or Creator account, that the app has the instagram_content_publish permission, and that the account is not restricted in the Instagram app.',
	},
	rateLimit: {
		message: 'Meta is rate limiting calls for this app or account',
		action: 'Wait and run again later, or spread the posts out over time.',
	},
	quota: {
		message: 'The 24-hour publishing limit for this Instagram account is used up',
		action:
			'A slot frees 24 hours after each earlier post. Use the Status operation to see the quota.',
	},
	transient: {
		message: 'Instagram had a temporary problem',
		action: 'Run the node again; if it keeps failing, Meta may be having an outage.',
	},
	expired: {
		message: 'The media container has expired or no longer exists',
		action: 'Containers live 24 hours. Run the operation again to create a new one.',
	},
	invalidMedia: {
		message: 'Instagram could not use the media',
		action:
			"Meta downloads the file itself: the URL must be public (no login, no redirects to HTML) and the file must meet Instagram's specs (JPEG images up to 8 MB, 4:5 to 1.91:1; MP4/MOV video).",
	},
	notReady: {
		message: 'The media is not ready to be published yet',
		action:
			'Increase "Max Wait (Seconds)" or resume later with the Status operation and "Publish If Ready".',
	},
	invalidRequest: {
		message: 'Instagram rejected the request parameters',
		action: 'Check the node parameters against the message from Meta below.',
	},
	timeout: {
		message: 'The media was still processing when the wait ended',
		action:
			'Resume with the Status operation: pass the container ID and turn on "Publish If Ready".',
	},
	unknown: {
		message: 'Instagram returned an unexpected error',
		action: 'Check the details below; Meta support asks for the fbtrace_id.',
	},
};

/** Pure: our own message for a classified error. Meta's English `message` is only quoted, never parsed. */
export function errorMessage(details: GraphErrorDetails): string {
	const base = accessAdvice(details)?.message ?? TEXT[details.kind].message;
	return details.metaMessage && details.kind !== 'auth' ? `${base}: ${details.metaMessage}` : base;
}

/** Pure: the "what happened and what to do next" text shown under the message. */
export function errorDescription(details: GraphErrorDetails): string {
	const parts = [accessAdvice(details)?.action ?? TEXT[details.kind].action];
	if (details.userTitle || details.userMessage) {
		parts.push(
			`Meta says: ${[details.userTitle, details.userMessage].filter(Boolean).join(' – ')}`,
		);
	}
	if (details.childIndex !== undefined) {
		parts.push(
			`Carousel item ${details.childIndex + 1}${details.childUrl ? ` (${details.childUrl})` : ''}.`,
		);
	}
	if (details.publishOutcomeUnknown) {
		parts.push(
			'The post may or may not be live: check the account before running again. With an Idempotency Key set, running again is safe.',
		);
	}
	if (details.containerId) parts.push(`Container ID: ${details.containerId}.`);
	if (details.regainAccessMinutes)
		parts.push(`Meta expects access again in about ${details.regainAccessMinutes} min.`);
	const codes = [
		details.code !== undefined ? `code ${details.code}` : undefined,
		details.subcode !== undefined ? `subcode ${details.subcode}` : undefined,
		details.httpStatus !== undefined ? `HTTP ${details.httpStatus}` : undefined,
		details.fbtraceId ? `fbtrace_id ${details.fbtraceId}` : undefined,
	].filter(Boolean);
	if (codes.length) parts.push(`(${codes.join(', ')})`);
	return parts.join(' ');
}

/** Pure: n8n's machine-readable failure cause, so retries and alerting can tell "wait" from "act". */
export function failureOf(details: GraphErrorDetails): Failure | undefined {
	switch (details.kind) {
		case 'auth':
			return { cause: 'credential-invalid' };
		case 'rateLimit':
			return details.regainAccessMinutes
				? { cause: 'rate-limited', retryAfterMs: details.regainAccessMinutes * 60_000 }
				: { cause: 'rate-limited' };
		case 'quota':
			return { cause: 'quota-exhausted' };
		case 'transient':
			return { cause: 'temporarily-unavailable' };
		case 'permission':
		case 'invalidRequest':
			return { cause: 'configuration-invalid' };
		default:
			return undefined;
	}
}

export function isGraphErrorKind(kind: unknown): kind is GraphErrorKind {
	return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(TEXT, kind);
}

/** The next step for a person or an agent, in one sentence (a kind, or an error's details). */
export function nextStep(error: GraphErrorKind | GraphErrorDetails): string {
	if (typeof error === 'string') return TEXT[error].action;
	return accessAdvice(error)?.action ?? TEXT[error.kind].action;
}
