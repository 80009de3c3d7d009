import {
	getCredentialOwnRequestAllowedDomains,
	ICredentialsHelper,
	isExpression,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import {
	CredentialTypeRegistry,
	resolveCredentialData,
	resolveWithCredentials,
} from './credentialTypes';

/** n8n 2.41.1's restrictToCredentialDomains (dist/credentials-helper.js): what preAuthentication's `this` is. */
function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions) => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
				if (requestOptions.allowedDomains !== undefined)
					throw new Error(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}

export interface StoredCredential {
	id?: string;
	name?: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export interface CredentialUpdate {
	/** `oauthTokenData`: a token fetched or refreshed by n8n-core; `data`: a persisted preAuthentication result. */
	kind: 'oauthTokenData' | 'data';
	credential: INodeCredentialsDetails;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * Stands in for n8n's CredentialsHelper (which needs the DB): decrypted data = the type's
 * property defaults (following `extends`, incl. the base `oAuth2Api`) + the stored data, with
 * expressions resolved; the type's own `authenticate` and `preAuthentication` are applied as n8n does.
 * Writes (`updateCredentials`, `updateCredentialsOauthTokenData`) update the in-memory store and are recorded.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** What n8n would have written to its DB, oldest first. */
	readonly updates: CredentialUpdate[] = [];
	/** How often a type's preAuthentication ran (persisted or not). */
	preAuthenticationRuns = 0;
	readonly registry: CredentialTypeRegistry;
	/** A copy: writes never touch the caller's objects. */
	private readonly stored: Record<string, StoredCredential>;

	constructor(types: Record<string, ICredentialType>, stored: Record<string, StoredCredential>) {
		super();
		this.registry = new CredentialTypeRegistry(types);
		this.stored = Object.fromEntries(
			Object.entries(stored).map(([id, credential]) => [
				id,
				{ ...credential, data: structuredClone(credential.data) },
			]),
		);
	}

	getParentTypes(name: string): string[] {
		return this.registry.parents(name);
	}

	getCredentialsProperties(name: string): INodeProperties[] {
		return this.registry.properties(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.registry.get(credentialType);
		return !type?.restrictToSupportedNodes || (type.supportedNodes ?? []).includes(nodeType);
	}

	private find(details: INodeCredentialsDetails, type: string): StoredCredential {
		const byId = details.id ? this.stored[details.id] : undefined;
		const stored = byId ?? Object.values(this.stored).find((candidate) => candidate.type === type);
		if (!stored)
			throw new Error(
				`Test harness: no credential "${details.id ?? details.name}" of type ${type} was given (RunOptions.credentials)`,
			);
		if (stored.type !== type)
			throw new Error(
				`Test harness: credential "${details.id}" is of type ${stored.type}, the node asks for ${type}`,
			);
		return stored;
	}

	async getDecrypted(
		_additionalData: unknown,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode = 'internal',
		_executeData?: unknown,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.find(nodeCredentials, type);
		if (raw) return structuredClone(stored.data);
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of this.registry.properties(type)) {
			if (property.default !== undefined)
				defaults[property.name] = property.default as ICredentialDataDecryptedObject[string];
		}
		return resolveCredentialData({ ...defaults, ...stored.data }, mode);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incoming: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incoming as IHttpRequestOptions;
		const authenticate = this.registry.get(typeName)?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type !== 'generic') return requestOptions;
		const target = requestOptions as unknown as Record<string, Record<string, unknown> | undefined>;
		for (const [outerKey, values] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
				const resolvedKey = String(resolveWithCredentials(key, credentials, workflow, node));
				target[outerKey] = {
					...target[outerKey],
					[resolvedKey]: resolveWithCredentials(value, credentials, workflow, node),
				};
			}
		}
		return requestOptions;
	}

	/**
	 * Mirrors n8n 2.41.1's `CredentialsHelper.preAuthentication` (packages/cli, dist/credentials-helper.js):
	 * only for a type with a hidden `typeOptions.expirable` property, and only when that field is
	 * exactly '' (n8n fills property defaults first), when n8n-core says the credential expired
	 * (its 401 retry path) or for the credential test. The type's `preAuthentication` gets
	 * `{ helpers: { httpRequest } }` (n8n's restrictToCredentialDomains); an output without the
	 * expirable field is dropped; otherwise the stored data plus every output key whose stored value
	 * is not an expression is persisted (the expirable field always), and the output is merged into
	 * `credentials` (which may be the node's `credentialsDecrypted.data`).
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.registry.get(typeName);
		const expirable = this.registry
			.properties(typeName)
			.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (expirable?.name === undefined) return undefined;
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (typeof type?.preAuthentication !== 'function') return undefined;
		if (!(credentials[expirable.name] === '' || credentialsExpired || isTestingCredentials))
			return undefined;
		this.preAuthenticationRuns++;
		const output = (await type.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		if (!node.credentials) return undefined;
		const details = node.credentials[type.name];
		const storedData = structuredClone(this.find(details, type.name).data);
		const dataToPersist: ICredentialDataDecryptedObject = { ...storedData };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable.name || !isExpression(storedData[key])) dataToPersist[key] = value;
		}
		await this.updateCredentials(details, type.name, dataToPersist);
		return Object.assign(credentials, output);
	}

	/** OAuth2: n8n-core calls this before every request; runs the type's preAuthentication if it has one (never persisted). */
	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const preAuthentication = this.registry.get(typeName)?.preAuthentication;
		return preAuthentication
			? ((await preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject)
			: undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Test harness: getCredentials is not used by node executions');
	}

	async updateCredentials(
		credential: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.updates.push({ kind: 'data', credential, type, data: structuredClone(data) });
		this.find(credential, type).data = data;
	}

	async updateCredentialsOauthTokenData(
		credential: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		// n8n writes only `oauthTokenData` of what it is given.
		this.updates.push({ kind: 'oauthTokenData', credential, type, data: structuredClone(data) });
		const stored = this.find(credential, type);
		stored.data = { ...stored.data, oauthTokenData: data.oauthTokenData };
	}
}
