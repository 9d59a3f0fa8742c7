import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { tableDesign } from '../../functions/adapters/table-design';

export interface StorageProps {
  /** Customer-managed key the table is encrypted with (owned by the stateful stack). */
  readonly key: IKey;
}

/**
 * The single newswatch table, built from functions/adapters/table-design.ts (the same definition the
 * local runtime creates in dynalite). It holds every record the product cannot recreate, so it is
 * retained on stack deletion and protected against deletion by API call too.
 */
export class Storage extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: tableDesign.partitionKey.name, type: AttributeType.STRING },
      sortKey: { name: tableDesign.sortKey.name, type: AttributeType.STRING },
      timeToLiveAttribute: tableDesign.timeToLiveAttribute,
      stream: StreamViewType[tableDesign.streamViewType],
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.key,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
