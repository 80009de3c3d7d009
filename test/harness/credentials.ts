import { ICredentialsHelper } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestOptions,
	INodeCredentialsDetails,
	INodeProperties,
} from 'n8n-workflow';

/** The parts of n8n's base OAuth2 credential that n8n-core's requestOAuth2 reads. */
const OAUTH2_API: ICredentialType = {
	name: 'oAuth2Api',
	displayName: 'OAuth2 API',
	properties: [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: '' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'hidden', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', default: '' },
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
	],
};

export interface StoredCredential {
	id?: string;
	name?: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * Stands in for n8n's CredentialsHelper: decrypted data = the type's defaults + stored data, and
 * the type's own `authenticate` (generic or function) is applied, as n8n does.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly tokenUpdates: ICredentialDataDecryptedObject[] = [];

	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly stored: Record<string, StoredCredential>,
	) {
		super();
	}

	private type(name: string): ICredentialType | undefined {
		return name === 'oAuth2Api' ? OAUTH2_API : this.types[name];
	}

	getParentTypes(name: string): string[] {
		const parents = this.type(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getCredentialsProperties(name: string): INodeProperties[] {
		const own = this.type(name)?.properties ?? [];
		const inherited = (this.type(name)?.extends ?? []).flatMap((parent) => this.getCredentialsProperties(parent));
		return [...inherited.filter((p) => !own.some((o) => o.name === p.name)), ...own];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async getDecrypted(_additionalData: unknown, nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentialDataDecryptedObject> {
		const stored = (nodeCredentials.id && this.stored[nodeCredentials.id]) || Object.values(this.stored).find((c) => c.type === type);
		if (!stored) throw new Error(`No test credential of type ${type}`);
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(type)) {
			const value = property.default;
			// Expression defaults ("=…") are resolved by n8n at runtime; tests give plain values instead.
			if (typeof value !== 'string' || !value.startsWith('=')) defaults[property.name] = value as never;
		}
		return { ...defaults, ...stored.data };
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const authenticate = this.type(typeName)?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type === 'generic') {
			const options = { ...requestOptions };
			for (const [target, values] of Object.entries(authenticate.properties)) {
				const resolved = Object.fromEntries(Object.entries(values as Record<string, string>).map(([key, value]) => [key, resolveCredentialExpression(value, credentials)]));
				const current = (options as unknown as Record<string, object | undefined>)[target] ?? {};
				(options as unknown as Record<string, object>)[target] = { ...current, ...resolved };
			}
			return options;
		}
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not used by node executions');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(_details: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.tokenUpdates.push(data);
	}
}

/** Resolves `={{$credentials.field}}` (optionally with text around it), the only form generic auth uses. */
function resolveCredentialExpression(value: string, credentials: ICredentialDataDecryptedObject): string {
	if (!value.startsWith('=')) return value;
	return value.slice(1).replace(/\{\{\s*\$credentials\.([A-Za-z0-9_]+)\s*\}\}/g, (_match, field: string) => String(credentials[field] ?? ''));
}
