import { ICredentialsHelper } from 'n8n-workflow';
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

	/** Non-OAuth2: runs the type's preAuthentication only with a hidden `expirable` property, when it is empty or expired (n8n's rule). */
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
		if (!type?.preAuthentication || !expirable) return undefined;
		if (
			credentials[expirable.name] !== '' &&
			credentials[expirable.name] !== undefined &&
			!credentialsExpired
		)
			return undefined;
		const output = (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined)
			throw new Error(
				`The property "${expirable.name}" is missing from preAuthentication's output`,
			);
		const details = node.credentials?.[typeName];
		if (details)
			await this.updateCredentials(details, typeName, {
				...this.find(details, typeName).data,
				...output,
			});
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
