import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	WorkflowExecuteMode,
} from 'n8n-workflow';

const hidden = (name: string, displayName: string, value: string): INodeProperties => ({
	displayName,
	name,
	type: 'hidden',
	default: value,
});

/**
 * The parts of n8n-nodes-base's `oAuth2Api` that n8n-core's `requestOAuth2` reads
 * (nodes-base is not a dependency). Extending types override these with their own values.
 */
export const OAUTH2_API: ICredentialType = {
	name: 'oAuth2Api',
	displayName: 'OAuth2 API',
	properties: [
		hidden('grantType', 'Grant Type', 'authorizationCode'),
		hidden('authUrl', 'Authorization URL', ''),
		hidden('accessTokenUrl', 'Access Token URL', ''),
		hidden('clientId', 'Client ID', ''),
		hidden('clientSecret', 'Client Secret', ''),
		hidden('scope', 'Scope', ''),
		hidden('authQueryParameters', 'Auth URI Query Parameters', ''),
		hidden('authentication', 'Authentication', 'header'),
	],
};

/** Credential types by name, with `extends` followed the way n8n's CredentialTypes does. */
export class CredentialTypeRegistry {
	private readonly types: Record<string, ICredentialType>;

	constructor(types: Record<string, ICredentialType>) {
		this.types = { oAuth2Api: OAUTH2_API, ...types };
	}

	get(name: string): ICredentialType | undefined {
		return this.types[name];
	}

	/** All ancestors, nearest first (e.g. ['oAuth2Api']). */
	parents(name: string): string[] {
		return (this.get(name)?.extends ?? []).flatMap((parent) => [parent, ...this.parents(parent)]);
	}

	/** Own properties win over inherited ones of the same name. */
	properties(name: string): INodeProperties[] {
		const own = this.get(name)?.properties ?? [];
		const inherited = (this.get(name)?.extends ?? []).flatMap((parent) => this.properties(parent));
		return [...inherited.filter((p) => !own.some((o) => o.name === p.name)), ...own];
	}
}

const MOCK_NODE: INode = {
	id: 'credentials',
	name: 'credentials',
	type: 'harness.credentials',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const MOCK_TYPE: INodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: [],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};

/** A one-node workflow, only for its expression engine (what n8n's CredentialsHelper does too). */
function mockWorkflow(): Workflow {
	const nodeTypes: INodeTypes = {
		getByName: () => MOCK_TYPE,
		getByNameAndVersion: () => MOCK_TYPE,
		getKnownTypes: () => ({}),
	};
	return new Workflow({ nodes: [MOCK_NODE], connections: {}, active: false, nodeTypes });
}

/** Resolves expression values in decrypted data (`={{$self["apiVersion"]}}` and the like), like n8n's getDecrypted. */
export function resolveCredentialData(
	data: ICredentialDataDecryptedObject,
	mode: WorkflowExecuteMode,
): ICredentialDataDecryptedObject {
	const resolved = mockWorkflow().expression.getComplexParameterValue(
		MOCK_NODE,
		data as INodeParameters,
		mode,
		{},
		undefined,
		undefined,
		data,
	);
	return resolved as ICredentialDataDecryptedObject;
}

/** Resolves one `authenticate.properties` value against `$credentials`, like n8n's CredentialsHelper.resolveValue. */
export function resolveWithCredentials(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
	workflow?: Workflow,
	node?: INode,
): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const host = workflow ?? mockWorkflow();
	return host.expression.getSimpleParameterValue(
		node ?? MOCK_NODE,
		value,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
}
