package io.github.kpldeagg.it.support;

import java.util.Map;

import io.awspring.cloud.dynamodb.DynamoDbMetadataStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the binder's checkpoints straight from its DynamoDB table, the way the binder's
 * adapter keys them: {@code <group>:<stream>:<shard>} in
 * {@value DynamoDbMetadataStore#DEFAULT_TABLE_NAME}.
 */
public final class Checkpoints {

	private final DynamoDbClient dynamoDb;

	public Checkpoints(LocalAws aws) {
		this.dynamoDb = aws.dynamoDb().client();
	}

	/** The sequence number checkpointed for the shard, or null when there is none. */
	public String of(String group, String stream, String shard) {
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem((request) -> request.tableName(DynamoDbMetadataStore.DEFAULT_TABLE_NAME)
				.key(Map.of(DynamoDbMetadataStore.KEY, AttributeValue.fromS(group + ":" + stream + ":" + shard)))
				.consistentRead(true))
			.item();
		return (item == null || !item.containsKey(DynamoDbMetadataStore.VALUE)) ? null
				: item.get(DynamoDbMetadataStore.VALUE).s();
	}

}
