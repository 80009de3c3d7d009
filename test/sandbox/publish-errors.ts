// Content-publishing errors: code + 2207xxx subcode + user title/message (reference §8.2, §9).
import { GraphError } from './errors';

interface UserText {
	title: string;
	msg: string;
	transient?: boolean;
}

function pub(code: number, subcode: number, message: string, u: UserText): GraphError {
	const opts = { subcode, transient: u.transient ?? false, title: u.title, userMsg: u.msg };
	return new GraphError(code, message, opts);
}

const DOC =
	'https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media#creating';
const CAROUSEL =
	"Your post won't work as a carousel. Carousels need at least 2 photos/videos and no more than 10 photos/videos.";
const CAPTION = 'The maximum number of characters permitted in a caption is 2200.';
const QUOTA =
	'You reached maximum number of posts that is allowed to be published by Content Publishing API.';

export const PE = {
	unknownMediaType: (mt: string) =>
		pub(100, 2207023, 'Invalid parameter', {
			title: 'Unknown media type',
			msg: `The media type ${mt} is unknown.`,
		}),
	carouselCount: () =>
		pub(100, 2207028, 'Invalid parameter', { title: 'Carousel cannot be created', msg: CAROUSEL }),
	tooManyTags: (max: number) =>
		pub(100, 2207040, 'Invalid parameter', {
			title: 'Too many tags',
			msg: `Cannot use more than ${max} tags per created media.`,
		}),
	captionTooLong: (n: number) =>
		pub(36004, 2207010, 'The caption is too long.', {
			title: 'Caption too long',
			msg: `The submitted image's caption was ${n} characters long. ${CAPTION}`,
		}),
	/** Subcode and code observed by postiz only (reference §8.3). */
	collaboratorInvalid: (name: string) =>
		pub(100, 2207018, 'Invalid parameter', {
			title: 'Cannot tag collaborator',
			msg: `The user ${name} cannot be tagged as a collaborator.`,
		}),
	fetchFailed: (uri: string) =>
		pub(9004, 2207052, 'Only photo or video can be accepted as media type.', {
			title: "Media download has failed. The media URI doesn't meet our requirements.",
			msg: `The media could not be fetched from this URI: ${uri}. Please check the limitations section of our development document for more information: ${DOC}`,
		}),
	notReady: () =>
		pub(9007, 2207027, 'Media ID is not available', {
			title: 'Cannot publish',
			msg: 'The media is not ready to be published. Please wait a moment.',
		}),
	expired: () =>
		pub(-2, 2207020, 'The media has expired.', {
			title: 'Media expired',
			msg: 'The media you are trying to access has expired. Please try to upload again.',
		}),
	builderNotFound: (id: string) =>
		pub(24, 2207008, 'The media builder does not exist', {
			title: 'Media builder not found',
			msg: `The media builder with creation id = ${id} does not exist or has been expired.`,
			transient: true,
		}),
	mediaNotFound: (id: string) =>
		pub(24, 2207006, 'The media is not found', {
			title: 'Media not found',
			msg: `The media with ${id} cannot be found`,
		}),
	quota: () =>
		pub(9, 2207042, 'Content publishing limit reached', {
			title: 'Maximum posts reached',
			msg: QUOTA,
		}),
};
