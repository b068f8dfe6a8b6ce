class ExportsController < ApplicationController
  EXPORTERS = %w[CsvExporter JsonExporter].freeze

  def create
    return head(:bad_request) unless EXPORTERS.include?(params[:format_class])
    exporter = params[:format_class].constantize.new
    send_data exporter.call(current_user)
  end
end
