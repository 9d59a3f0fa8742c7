import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, cx_api as cxapi } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { writeConsole } from '../../console/build';
import { consoleCsp } from '../../console/security-headers';
import { acknowledge } from '../nag';

export interface ConsoleProps {
  /**
   * Folder with the built console (index.html, console.js, …), without config.json.
   * @default built now from console/ by esbuild into a temporary folder
   */
  readonly siteDir?: string;
  /**
   * How long access logs (CloudFront and S3) are kept.
   * @default Duration.days(90)
   */
  readonly logRetention?: Duration;
}

/** CDK's singleton handler for BucketDeployment (one per stack; the id is CDK's own). */
const DEPLOYMENT_HANDLER_ID = 'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C';

/**
 * The web console: its files in a private S3 bucket, served by CloudFront through origin access
 * control, HTTPS only, with the console's Content-Security-Policy and security headers on every
 * response. `publish(apiUrl)` uploads the files with the config.json that points the console at the API.
 */
export class Console extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** `https://<distribution domain>`: the origin the HTTP API allows in CORS. */
  readonly origin: string;
  /** The console's address, ending in `/`. */
  readonly url: string;
  private readonly siteDir: string;

  constructor(scope: Construct, id: string, props: ConsoleProps = {}) {
    super(scope, id);
    // `cdk synth --no-staging` (SAM local) points the asset at the folder itself: then it must stay.
    this.siteDir = props.siteDir ?? buildSite(!this.node.tryGetContext(cxapi.DISABLE_ASSET_STAGING_CONTEXT));
    const logs = this.createLogBucket(props.logRetention ?? Duration.days(90));
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
      // Only built files live here: a new deploy puts them back.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'newswatch console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.securityHeaders(),
        compress: true,
      },
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;
    this.url = `${this.origin}/`;
    this.acknowledgeDistributionFindings();
  }

  /** Uploads the console with `config.json` naming the API, and refreshes CloudFront's copies. */
  publish(apiUrl: string): BucketDeployment {
    const deployment = new BucketDeployment(this, 'Site', {
      sources: [Source.asset(this.siteDir), Source.jsonData('config.json', { apiUrl })],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      // Browsers revalidate (ETag) instead of running yesterday's console against today's API.
      cacheControl: [CacheControl.noCache()],
      prune: true,
    });
    this.acknowledgeDeploymentFindings();
    return deployment;
  }

  /**
   * CSP connect-src names API Gateway's hosts in this region rather than the API itself: the API's
   * CORS names this distribution, so naming the API here would make a dependency cycle.
   */
  private securityHeaders(): ResponseHeadersPolicy {
    const apiHosts = `https://*.execute-api.${Stack.of(this).region}.amazonaws.com`;
    return new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'newswatch console: CSP without inline script, HSTS, nosniff, no framing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: consoleCsp(`'self' ${apiHosts}`), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
  }

  /** CloudFront standard logs need ACLs (object writer); S3 access logs go to the same bucket. */
  private createLogBucket(retention: Duration): Bucket {
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: retention }],
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    acknowledge(logs, 'AwsSolutions-S1', 'This is the access-log bucket itself; logging it into itself would loop.');
    return logs;
  }

  private acknowledgeDistributionFindings(): void {
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'The console is for analysts wherever they are; it holds no data (every read needs an API key), so no geo restriction.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'Static files only: the data sits behind the HTTP API (API key, throttling); a WAF on the console would cost more than it protects.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'The default *.cloudfront.net certificate is used (no custom domain), for which CloudFront fixes the TLS policy; TLSv1.2_2021 is set for when a certificate is added.',
    );
    // The same choice as CFR4, said once here rather than as a warning at every synth.
    Annotations.of(this.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront:minimumProtocolVersionWithoutCertificate',
      'TLSv1.2_2021 takes effect once a custom certificate is added; until then CloudFront fixes the policy of its default certificate.',
    );
  }

  /**
   * CDK's BucketDeployment handler runs only during deploys; its role is CDK's: the managed
   * basic-execution policy, the object actions CDK grants on the asset and console buckets (with
   * wildcards in their names), and CloudFront invalidation, which has no resource-level permission.
   */
  private acknowledgeDeploymentFindings(): void {
    const handler = Stack.of(this).node.tryFindChild(DEPLOYMENT_HANDLER_ID);
    if (!handler) return;
    const reason = "CDK's BucketDeployment handler (runs during deploys only): its role and grants are CDK's and cannot be narrowed here.";
    const bucketArn = `<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>`;
    const findings = [
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
        (action) => `AwsSolutions-IAM5[Action::${action}]`,
      ),
      `AwsSolutions-IAM5[Resource::${bucketArn}/*]`,
      // The CDK bootstrap's asset bucket, named by the bootstrap qualifier this app is synthesised for.
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${bootstrapQualifier(this)}-assets-<AWS::AccountId>-<AWS::Region>/*]`,
      'AwsSolutions-IAM5[Resource::*]',
    ];
    for (const finding of findings) acknowledge(handler, finding, reason);
    acknowledge(handler, 'AwsSolutions-L1', "CDK's BucketDeployment handler: CDK pins its Python runtime, which this app cannot choose.");
  }
}

/** The context key CDK reads the bootstrap qualifier from (`cdk synth -c @aws-cdk/core:bootstrapQualifier=…`). */
const BOOTSTRAP_QUALIFIER_CONTEXT = '@aws-cdk/core:bootstrapQualifier';

/** The bootstrap qualifier the app is synthesised for: as CDK's default synthesizer picks it. */
function bootstrapQualifier(scope: Construct): string {
  const given = scope.node.tryGetContext(BOOTSTRAP_QUALIFIER_CONTEXT);
  return typeof given === 'string' && given !== '' ? given : DefaultStackSynthesizer.DEFAULT_QUALIFIER;
}

/**
 * Builds the console into a fresh temporary folder (config.json comes from `publish`), removed when the
 * process exits where the synth stages assets: it has copied the folder into cdk.out by then, and each
 * synth would leave one behind.
 */
function buildSite(staged: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'newswatch-console-'));
  if (staged) process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  writeConsole(dir, { withConfig: false });
  return dir;
}
